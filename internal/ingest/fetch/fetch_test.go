package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// newServer starts an httptest server closed in t.Cleanup.
func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// testOptions are defaults with private addresses allowed, since test servers are on loopback.
func testOptions() Options {
	opt := DefaultOptions()
	opt.AllowPrivate = true
	return opt
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGet(t *testing.T) {
	feed := []byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Тест</title></channel></rss>`)
	gz := gzipBytes(t, feed)
	var gotUA, gotAccept string
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAccept = r.UserAgent(), r.Header.Get("Accept")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(feed)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "client does not accept gzip", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	srv := newServer(t, mux)

	tests := []struct {
		name     string
		path     string
		url      string // overrides path
		opt      func(*Options)
		wantURL  string // path of the final URL
		wantErr  error
		wantText string // substring of the error
	}{
		{name: "plain", path: "/feed", wantURL: "/feed"},
		{name: "gzip", path: "/gzip", wantURL: "/gzip"},
		{name: "redirects", path: "/moved", wantURL: "/feed"},
		{name: "redirect limit", path: "/moved", opt: func(o *Options) { o.MaxRedirects = 1 }, wantErr: ErrTooManyRedirects, wantText: "redirect to " + srv.URL + "/feed"},
		{name: "no redirects", path: "/moved", opt: func(o *Options) { o.MaxRedirects = -1 }, wantErr: ErrTooManyRedirects},
		{name: "redirect loop", path: "/loop", wantErr: ErrTooManyRedirects, wantText: "stopped after 5"},
		{name: "redirect to ftp", path: "/ftp", wantErr: ErrScheme, wantText: `unsupported URL scheme "ftp"`},
		{name: "ftp", url: "ftp://example.org/feed.xml", wantErr: ErrScheme},
		{name: "file", url: "file:///etc/passwd", wantErr: ErrScheme},
		{name: "no host", url: "http:///feed", wantText: "no host"},
		{name: "410", path: "/gone", wantText: "unexpected status 410 Gone"},
		{name: "500", path: "/error", wantText: "unexpected status 500 Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := testOptions()
			if tt.opt != nil {
				tt.opt(&opt)
			}
			u := srv.URL + tt.path
			if tt.url != "" {
				u = tt.url
			}
			res, err := Get(t.Context(), u, opt)
			if tt.wantErr != nil || tt.wantText != "" {
				if err == nil {
					t.Fatalf("Get(%s) succeeded, want error", u)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("Get(%s) = %v, want %v", u, err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "fetch "+u+": ") || !strings.Contains(err.Error(), tt.wantText) {
					t.Errorf("Get(%s) error %q, want it to start with the URL and contain %q", u, err, tt.wantText)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get(%s): %v", u, err)
			}
			if !bytes.Equal(res.Body, feed) {
				t.Errorf("Body = %q, want %q", res.Body, feed)
			}
			if want := srv.URL + tt.wantURL; res.URL != want {
				t.Errorf("URL = %q, want %q", res.URL, want)
			}
			if res.Status != http.StatusOK || res.NotModified {
				t.Errorf("Status = %d, NotModified = %v", res.Status, res.NotModified)
			}
			if !strings.HasPrefix(res.ContentType, "application/rss+xml") {
				t.Errorf("ContentType = %q", res.ContentType)
			}
			if res.Fetched.IsZero() || res.Fetched.Location() != time.UTC {
				t.Errorf("Fetched = %v, want a UTC time", res.Fetched)
			}
		})
	}
	if gotUA != DefaultUserAgent {
		t.Errorf("User-Agent = %q, want %q", gotUA, DefaultUserAgent)
	}
	if !strings.Contains(gotAccept, "application/rss+xml") {
		t.Errorf("Accept = %q", gotAccept)
	}
}

func TestGetStatusError(t *testing.T) {
	srv := newServer(t, http.NotFoundHandler())
	_, err := Get(t.Context(), srv.URL+"/missing", testOptions())
	se, ok := errors.AsType[*StatusError](err)
	if !ok {
		t.Fatalf("Get = %v, want a *StatusError", err)
	}
	if se.Code != http.StatusNotFound || se.URL != srv.URL+"/missing" {
		t.Errorf("StatusError = %+v", se)
	}
}

func TestGetRefusesPrivate(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name string
		url  string
		want string
	}{
		{"loopback IP", srv.URL + "/feed", fmt.Sprintf("fetch %s/feed: refusing to connect to 127.0.0.1 (loopback address); use --allow-private to allow private, loopback and link-local addresses", srv.URL)},
		{"localhost name", fmt.Sprintf("http://localhost:%d/feed", port), "(loopback address)"},
		{"unspecified", fmt.Sprintf("http://0.0.0.0:%d/", port), "refusing to connect to 0.0.0.0 (unspecified address)"},
		{"mapped", fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/", port), "refusing to connect to 127.0.0.1 (loopback address)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Get(t.Context(), tt.url, DefaultOptions())
			if !errors.Is(err, ErrPrivateAddress) {
				t.Fatalf("Get(%s) = %v, want ErrPrivateAddress", tt.url, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if _, ok := errors.AsType[*AddressError](err); !ok {
				t.Errorf("error %v does not wrap *AddressError", err)
			}
			if res.Body != nil {
				t.Errorf("Body = %q, want none", res.Body)
			}
		})
	}
}

func TestGetRefusesRedirectToPrivate(t *testing.T) {
	private := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("private server reached: %s", r.URL)
	}))
	public := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private.URL+"/latest/meta-data/", http.StatusFound)
	}))
	// The public server is on loopback too; exempt exactly its address so that only the
	// redirect target meets the check.
	publicAddr := netip.MustParseAddrPort(public.Listener.Addr().String())
	opt := DefaultOptions()
	opt.exempt = func(ap netip.AddrPort) bool { return ap == publicAddr }

	_, err := Get(t.Context(), public.URL+"/feed", opt)
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("Get = %v, want ErrPrivateAddress", err)
	}
	want := fmt.Sprintf("fetch %s/feed: redirect to %s/latest/meta-data/: refusing to connect to 127.0.0.1 (loopback address)", public.URL, private.URL)
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want prefix %q", err, want)
	}
}

func TestGetMaxBytes(t *testing.T) {
	const limit = 1000
	big := bytes.Repeat([]byte("я"), limit) // 2000 bytes
	mux := http.NewServeMux()
	mux.HandleFunc("/length", func(w http.ResponseWriter, r *http.Request) {
		w.Write(big) // Content-Length is set for small bodies
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		for i := range big {
			w.Write(big[i : i+1])
			if i%100 == 0 {
				w.(http.Flusher).Flush()
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBytes(t, make([]byte, 1<<20))) // ~1 KiB compressed, 1 MiB decompressed
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) {
		w.Write(big[:limit])
	})
	srv := newServer(t, mux)

	tests := []struct {
		path    string
		wantErr bool
	}{
		{"/length", true},
		{"/chunked", true},
		{"/bomb", true},
		{"/exact", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			opt := testOptions()
			opt.MaxBytes = limit
			res, err := Get(t.Context(), srv.URL+tt.path, opt)
			if !tt.wantErr {
				if err != nil || len(res.Body) != limit {
					t.Fatalf("Get = %d bytes, %v; want %d bytes", len(res.Body), err, limit)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Get = %v, want ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), "exceeds the 1000-byte limit") {
				t.Errorf("error %q does not state the limit", err)
			}
		})
	}
}

func TestGetTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release) }) // runs before srv.Close

	opt := testOptions()
	opt.Timeout = 100 * time.Millisecond
	start := time.Now()
	_, err := Get(t.Context(), srv.URL, opt)
	if err == nil {
		t.Fatal("Get succeeded, want a timeout")
	}
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Get = %v, want a timeout error", err)
		}
	}
	if !strings.HasPrefix(err.Error(), "fetch "+srv.URL+": ") || !strings.Contains(err.Error(), "timed out after 100ms") {
		t.Errorf("error %q does not name the URL and the timeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Get took %v with a 100ms timeout", d)
	}
}

func TestGetContextCancel(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{})
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release) })

	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-arrived
		cancel()
	}()
	_, err := Get(ctx, srv.URL, testOptions())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Get = %v, want context.Canceled", err)
	}
}

// memCache is an in-memory Cache.
type memCache struct {
	mu sync.Mutex
	m  map[string][2]string
}

func (c *memCache) Validators(_ context.Context, url string) (string, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.m[url]
	return v[0], v[1], nil
}

func (c *memCache) SetValidators(_ context.Context, url, etag, lastModified string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string][2]string{}
	}
	c.m[url] = [2]string{etag, lastModified}
	return nil
}

func TestGetConditional(t *testing.T) {
	const lastModified = "Mon, 02 Mar 2026 11:05:00 GMT"
	var mu sync.Mutex
	etag, body := `"v1"`, "first version"
	var gotINM, gotIMS []string
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		gotINM = append(gotINM, r.Header.Get("If-None-Match"))
		gotIMS = append(gotIMS, r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastModified)
		fmt.Fprint(w, body)
	}))
	cache := &memCache{}
	opt := testOptions()
	opt.Cache = cache
	u := srv.URL + "/feed.xml"

	steps := []struct {
		name         string
		change       string // new ETag and body before the request, "" for none
		wantNotMod   bool
		wantBody     string
		wantETag     string
		wantSentINM  string
		wantSentIMS  string
		wantCacheTag string
	}{
		{name: "first fetch", wantBody: "first version", wantETag: `"v1"`, wantCacheTag: `"v1"`},
		{name: "unchanged", wantNotMod: true, wantETag: `"v1"`, wantSentINM: `"v1"`, wantSentIMS: lastModified, wantCacheTag: `"v1"`},
		{name: "changed", change: `"v2"`, wantBody: "second version", wantETag: `"v2"`, wantSentINM: `"v1"`, wantSentIMS: lastModified, wantCacheTag: `"v2"`},
	}
	for i, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.change != "" {
				mu.Lock()
				etag, body = st.change, "second version"
				mu.Unlock()
			}
			res, err := Get(t.Context(), u, opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.NotModified != st.wantNotMod || string(res.Body) != st.wantBody || res.ETag != st.wantETag {
				t.Errorf("Result NotModified=%v Body=%q ETag=%q, want %v %q %q", res.NotModified, res.Body, res.ETag, st.wantNotMod, st.wantBody, st.wantETag)
			}
			if res.LastModified != lastModified {
				t.Errorf("LastModified = %q", res.LastModified)
			}
			if st.wantNotMod && res.Status != http.StatusNotModified {
				t.Errorf("Status = %d, want 304", res.Status)
			}
			mu.Lock()
			sentINM, sentIMS := gotINM[i], gotIMS[i]
			mu.Unlock()
			if sentINM != st.wantSentINM || sentIMS != st.wantSentIMS {
				t.Errorf("sent If-None-Match=%q If-Modified-Since=%q, want %q %q", sentINM, sentIMS, st.wantSentINM, st.wantSentIMS)
			}
			if tag, _, _ := cache.Validators(t.Context(), u); tag != st.wantCacheTag {
				t.Errorf("cached ETag = %q, want %q", tag, st.wantCacheTag)
			}
		})
	}
}

// failingCache fails every call.
type failingCache struct{ readErr, writeErr error }

func (c failingCache) Validators(context.Context, string) (string, string, error) {
	return "", "", c.readErr
}

func (c failingCache) SetValidators(context.Context, string, string, string) error {
	return c.writeErr
}

func TestGetCacheErrors(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "body")
	}))
	boom := errors.New("boom")
	tests := []struct {
		name     string
		cache    failingCache
		wantBody string
	}{
		{"read", failingCache{readErr: boom}, ""},
		{"write", failingCache{writeErr: boom}, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := testOptions()
			opt.Cache = tt.cache
			res, err := Get(t.Context(), srv.URL, opt)
			if !errors.Is(err, ErrCache) || !errors.Is(err, boom) {
				t.Fatalf("Get = %v, want ErrCache wrapping boom", err)
			}
			if string(res.Body) != tt.wantBody {
				t.Errorf("Body = %q, want %q", res.Body, tt.wantBody)
			}
		})
	}
}
