// Package fetch downloads feeds and article pages over HTTP(S) safely: only http and https,
// a whole-request timeout, a cap on the (decompressed) body, a limit on redirects, refusal of
// loopback, private, link-local and other non-public destinations (checked on the address
// actually dialled, so DNS rebinding and redirects cannot get around it) and conditional GET
// through an optional validator cache.
//
// Get builds its own client for every call and keeps no state between calls; it is safe for
// concurrent use as long as the Cache is.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Defaults used by DefaultOptions and for zero fields of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 16 << 20 // 16 MiB
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "fimi/dev (+https://github.com/fimi/fimi; disinformation research)"
)

// acceptHeader prefers feeds and HTML, the two things fimi fetches.
const acceptHeader = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"

// Sentinel errors, wrapped with the URL and details; branch on them with errors.Is.
var (
	// ErrTooLarge: the response body is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("response body too large")
	// ErrScheme: the URL (or a redirect target) is not http or https.
	ErrScheme = errors.New("unsupported URL scheme")
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects were followed.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrCache: the validator cache failed.
	ErrCache = errors.New("validator cache")
)

// Options configure one Get. The zero value of a field means its default, except AllowPrivate
// and Cache.
type Options struct {
	Timeout      time.Duration // whole request including the body; default 30s
	MaxBytes     int64         // cap on the decompressed body; default 16 MiB; larger bodies are an error
	MaxRedirects int           // redirects followed; default 5; negative means none
	AllowPrivate bool          // allow loopback, private, link-local, unspecified, multicast and other non-public destinations
	UserAgent    string        // default DefaultUserAgent
	Cache        Cache         // optional; enables conditional GET

	// exempt, in tests only, lets through the listed addresses despite the address check so
	// that a test server on loopback can redirect to a refused one.
	exempt func(netip.AddrPort) bool
}

// DefaultOptions returns the defaults: 30s timeout, 16 MiB body cap, 5 redirects, public
// destinations only, DefaultUserAgent and no cache.
func DefaultOptions() Options {
	return Options{
		Timeout:      DefaultTimeout,
		MaxBytes:     DefaultMaxBytes,
		MaxRedirects: DefaultMaxRedirects,
		UserAgent:    DefaultUserAgent,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = d.MaxBytes
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = d.MaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = d.UserAgent
	}
	return o
}

// Cache stores HTTP validators per requested URL for conditional GET. Implementations must be
// safe for concurrent use when Get is called concurrently.
type Cache interface {
	// Validators returns the ETag and Last-Modified stored for url, "" when unknown.
	Validators(ctx context.Context, url string) (etag, lastModified string, err error)
	// SetValidators stores the validators of a fresh 200 response for url (either may be "").
	SetValidators(ctx context.Context, url, etag, lastModified string) error
}

// Result is a fetched response. Body is owned by the caller.
type Result struct {
	URL          string    // final URL after redirects
	ContentType  string    // Content-Type header of the final response
	Body         []byte    // decompressed body; empty when NotModified
	Status       int       // HTTP status code of the final response
	NotModified  bool      // the server answered 304 to a conditional request
	ETag         string    // ETag of the response (or the cached one on 304)
	LastModified string    // Last-Modified of the response (or the cached one on 304)
	Fetched      time.Time // when the response headers arrived (UTC)
}

// StatusError reports a response whose status is not 2xx (or 304 for a conditional request).
type StatusError struct {
	URL    string // final URL
	Code   int    // e.g. 404
	Status string // e.g. "404 Not Found"
}

// Error names the status and the URL that answered it.
func (e *StatusError) Error() string {
	return fmt.Sprintf("unexpected status %s from %s", e.Status, e.URL)
}

// Get fetches rawURL with a GET request. Only http and https URLs are accepted. Redirects are
// followed up to opt.MaxRedirects, each to http or https only. Unless opt.AllowPrivate is set,
// every address dialled is checked and non-public ones are refused with an error wrapping
// *AddressError and ErrPrivateAddress; HTTP proxies from the environment are not used, because
// the check must see the real destination. With opt.Cache, Get sends If-None-Match and
// If-Modified-Since, returns NotModified with an empty body on 304 and stores the new
// validators after a 200. Bodies larger than opt.MaxBytes (after gzip decompression) are an
// error wrapping ErrTooLarge; non-2xx statuses are a *StatusError. When only storing the new
// validators fails, Get returns the complete Result together with an error wrapping ErrCache.
func Get(ctx context.Context, rawURL string, opt Options) (Result, error) {
	opt = opt.withDefaults()
	u, err := url.Parse(rawURL)
	if err != nil {
		return Result{}, fmt.Errorf("fetch: %w", err)
	}
	name := u.Redacted() // names the URL in errors without a password
	if err := checkURL(u); err != nil {
		return Result{}, fmt.Errorf("fetch %s: %w", name, err)
	}

	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Result{}, fmt.Errorf("fetch %s: %w", name, err)
	}
	req.Header.Set("User-Agent", opt.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	var cachedETag, cachedLM string
	if opt.Cache != nil {
		cachedETag, cachedLM, err = opt.Cache.Validators(ctx, rawURL)
		if err != nil {
			return Result{}, fmt.Errorf("fetch %s: read validators: %w: %w", name, ErrCache, err)
		}
		if cachedETag != "" {
			req.Header.Set("If-None-Match", cachedETag)
		}
		if cachedLM != "" {
			req.Header.Set("If-Modified-Since", cachedLM)
		}
	}

	client, redirected := newClient(opt)
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return Result{}, requestError(name, *redirected, err, func(err error) error { return timeoutError(parent, opt.Timeout, err) })
	}
	defer resp.Body.Close()

	res := Result{
		URL:          resp.Request.URL.String(),
		ContentType:  resp.Header.Get("Content-Type"),
		Status:       resp.StatusCode,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		Fetched:      time.Now().UTC(),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = cachedETag
		}
		if res.LastModified == "" {
			res.LastModified = cachedLM
		}
		return res, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return Result{}, fmt.Errorf("fetch %s: %w", name, &StatusError{URL: res.URL, Code: resp.StatusCode, Status: resp.Status})
	}

	if resp.ContentLength > opt.MaxBytes {
		return Result{}, fmt.Errorf("fetch %s: %w: Content-Length %d exceeds the %d-byte limit", name, ErrTooLarge, resp.ContentLength, opt.MaxBytes)
	}
	res.Body, err = io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return Result{}, fmt.Errorf("fetch %s: read body: %w", name, timeoutError(parent, opt.Timeout, err))
	}
	if int64(len(res.Body)) > opt.MaxBytes {
		return Result{}, fmt.Errorf("fetch %s: %w: body exceeds the %d-byte limit", name, ErrTooLarge, opt.MaxBytes)
	}

	if opt.Cache != nil {
		if err := opt.Cache.SetValidators(ctx, rawURL, res.ETag, res.LastModified); err != nil {
			return res, fmt.Errorf("fetch %s: store validators: %w: %w", name, ErrCache, err)
		}
	}
	return res, nil
}

// newClient builds a client for one Get: its own transport, no environment proxy, the address
// check in the dialer unless private addresses are allowed, and the redirect policy. The
// returned string holds the last redirect target once the client has followed a redirect.
func newClient(opt Options) (*http.Client, *string) {
	// The context of the request carries Options.Timeout and bounds dialling, TLS, headers
	// and body alike, so no other timeouts are set here.
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		dialer.Control = checkDial
		if exempt := opt.exempt; exempt != nil {
			dialer.Control = func(network, address string, c syscall.RawConn) error {
				if ap, err := netip.ParseAddrPort(address); err == nil && exempt(ap) {
					return nil
				}
				return checkDial(network, address, c)
			}
		}
	}
	transport := &http.Transport{
		Proxy:             nil,
		DialContext:       dialer.DialContext,
		ForceAttemptHTTP2: true,
		MaxIdleConns:      4,
		IdleConnTimeout:   10 * time.Second,
	}
	maxRedirects := max(opt.MaxRedirects, 0)
	redirected := new(string)
	return &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			*redirected = req.URL.Redacted()
			if len(via) > maxRedirects {
				return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, maxRedirects)
			}
			return checkURL(req.URL)
		},
	}, redirected
}

// checkURL accepts absolute http and https URLs with a host.
func checkURL(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return fmt.Errorf("%w %q in %s: only http and https are fetched", ErrScheme, u.Scheme, u.Redacted())
	}
	if u.Host == "" {
		return fmt.Errorf("no host in %s", u.Redacted())
	}
	return nil
}

// requestError turns an error from http.Client.Do into one that names the URL, and the redirect
// target when the failure happened after a redirect (redirected is "" when there was none).
// The url.Error layer is dropped (it repeats the URL); a refused address is reported as just
// the *AddressError, without the dial layers around it. explain may add to the cause.
func requestError(name, redirected string, err error, explain func(error) error) error {
	ue, ok := errors.AsType[*url.Error](err)
	if !ok {
		return fmt.Errorf("fetch %s: %w", name, explain(err))
	}
	where := ""
	if redirected != "" {
		where = "redirect to " + redirected + ": "
	}
	if ae, ok := errors.AsType[*AddressError](err); ok {
		return fmt.Errorf("fetch %s: %s%w", name, where, ae)
	}
	return fmt.Errorf("fetch %s: %s%w", name, where, explain(ue.Err))
}

// timeoutError says that err is the expiry of Options.Timeout rather than of the caller's
// context, when it is.
func timeoutError(parent context.Context, timeout time.Duration, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && parent.Err() == nil {
		return fmt.Errorf("timed out after %v: %w", timeout, err)
	}
	return err
}
