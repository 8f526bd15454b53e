package text

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/net/idna"
)

// ErrNotURL is returned (wrapped) by CanonicalURL for values that are not absolute http(s) URLs.
var ErrNotURL = errors.New("not an absolute http(s) URL")

// trackingParams are query parameters that identify a campaign or a click, not a resource.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true, "msclkid": true,
	"yclid": true, "igshid": true, "igsh": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"ref_src": true, "ref_url": true, "twclid": true, "ttclid": true, "li_fat_id": true, "mkt_tok": true,
	"oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "_hsenc": true, "_hsmi": true,
	"hsctatracking": true, "rb_clickid": true, "s_cid": true, "ncid": true, "cmpid": true, "at_medium": true,
	"at_campaign": true, "wt_mc": true, "wt.mc_id": true, "spm": true, "share": false,
}

// IsTrackingParam reports whether a query parameter name carries click or campaign tracking
// (utm_*, fbclid, gclid and similar) and is dropped from canonical URLs.
func IsTrackingParam(name string) bool {
	name = strings.ToLower(name)
	return strings.HasPrefix(name, "utm_") || strings.HasPrefix(name, "pk_") || trackingParams[name]
}

// CanonicalURL returns the canonical form of an absolute http(s) URL: scheme and host lower-case,
// default port and fragment removed, tracking parameters dropped, remaining parameters sorted,
// empty path as "/", dot segments resolved. A value starting with "www." is taken as http.
// The error wraps ErrNotURL for anything else.
func CanonicalURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if hasPrefixFold(raw, "www.") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotURL, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%w: %q", ErrNotURL, Shorten(raw, 80))
	}
	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if !isASCII(host) {
		if a, err := idna.ToASCII(host); err == nil {
			host = a
		}
	}
	if host == "" {
		return "", fmt.Errorf("%w: no host in %q", ErrNotURL, Shorten(raw, 80))
	}
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	} else if strings.Contains(u.Path, "/.") {
		u.Path = resolveDots(u.Path)
	}
	u.RawPath = ""
	if u.RawQuery != "" {
		u.RawQuery = cleanQuery(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String(), nil
}

func cleanQuery(raw string) string {
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name := p
		if i := strings.IndexByte(p, '='); i >= 0 {
			name = p[:i]
		}
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if IsTrackingParam(name) {
			continue
		}
		kept = append(kept, p)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}

func resolveDots(p string) string {
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		switch s {
		case ".":
			if i == len(segs)-1 {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if i == len(segs)-1 {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// Domain returns the outlet domain of a canonical URL: its host without port and without a
// leading "www.", or "" when u has no host.
func Domain(u string) string {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(u, "http://")
	}
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if h, _, err := net.SplitHostPort(rest); err == nil {
		rest = h
	}
	rest = strings.Trim(strings.ToLower(rest), "[]")
	return strings.TrimPrefix(rest, "www.")
}

// Shorten returns s cut to at most n bytes on a rune boundary, with "…" appended when cut.
func Shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
