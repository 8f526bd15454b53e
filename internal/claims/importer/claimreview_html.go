package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	xhtml "golang.org/x/net/html"
)

// ldBlock is the content of one <script type="application/ld+json"> element.
type ldBlock struct {
	data []byte // content with wrappers blanked out (same length, same lines)
	line int    // line where the content starts in the page
}

// openClaimReviewHTML reads a page whole (up to MaxDocBytes) and returns the records of its
// JSON-LD blocks. See ClaimReview.
func openClaimReviewHTML(r io.Reader, opt Options) (Decoder, error) {
	page, err := io.ReadAll(io.LimitReader(r, MaxDocBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", opt.Name, err)
	}
	if len(page) > MaxDocBytes {
		return nil, fmt.Errorf("%s: page larger than %d bytes: %w", opt.Name, MaxDocBytes, ErrTooLarge)
	}
	blocks, base := ldBlocks(page)
	var recs []Record
	rejected := false
	seen := map[string]string{}
	for _, b := range blocks {
		s := newSplitter(bytes.NewReader(b.data), MaxDocBytes)
		for {
			u, err := s.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", opt.Name, err)
			}
			first := b.line + bytes.Count(b.data[:len(b.data)-len(bytes.TrimLeft(b.data, " \t\r\n"))], []byte("\n"))
			for _, r := range crUnit(u, opt, base, true, b.line-1, fmt.Sprintf("JSON-LD block at line %d", first), seen) {
				rejected = rejected || r.Err != nil
				recs = append(recs, r)
			}
		}
	}
	if len(recs) == 0 && !rejected {
		what := "no JSON-LD blocks"
		if len(blocks) > 0 {
			what = fmt.Sprintf("%d JSON-LD blocks, none with a ClaimReview", len(blocks))
		}
		recs = append(recs, Record{Line: 1, Verbatim: cut(page, opt.maxBytes()), Err: fmt.Errorf("no ClaimReview in this page (%s)", what)})
	}
	return &sliceDecoder{recs: recs}, nil
}

// ldBlocks returns the page's JSON-LD script blocks in order and the base URL for relative
// links: <base href>, else <link rel="canonical">, else og:url.
func ldBlocks(page []byte) ([]ldBlock, string) {
	var (
		blocks                 []ldBlock
		baseHref, canon, ogURL string
		line                   = 1
		inLD                   bool
	)
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(0)
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		start := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch string(name) {
			case "script":
				typ, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(attrs["type"])), ";")
				inLD = strings.TrimSpace(typ) == "application/ld+json" && tt == xhtml.StartTagToken
			case "base":
				if baseHref == "" {
					baseHref = attrs["href"]
				}
			case "link":
				if strings.EqualFold(strings.TrimSpace(attrs["rel"]), "canonical") && canon == "" {
					canon = attrs["href"]
				}
			case "meta":
				if strings.EqualFold(attrs["property"], "og:url") && ogURL == "" {
					ogURL = attrs["content"]
				}
			}
		case xhtml.TextToken:
			if inLD {
				blocks = append(blocks, ldBlock{data: unwrapScript(append([]byte(nil), raw...)), line: start})
			}
			inLD = false
		default:
			inLD = false
		}
	}
	for _, b := range []string{baseHref, canon, ogURL} {
		if b = strings.TrimSpace(b); strings.HasPrefix(b, "http://") || strings.HasPrefix(b, "https://") {
			return blocks, b
		}
	}
	return blocks, ""
}

// scriptWrappers are what pages put around JSON-LD to hide it from old parsers.
var scriptWrappers = []string{"<!--", "-->", "<![CDATA[", "]]>", "//", "/*", "*/", ";"}

// unwrapScript blanks out (with spaces, keeping lines) HTML comment and CDATA wrappers and
// JavaScript comment markers at the start and end of a script's content, and a trailing ';'.
func unwrapScript(b []byte) []byte {
	for changed := true; changed; {
		changed = false
		i := 0
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		for _, w := range scriptWrappers {
			if w != ";" && bytes.HasPrefix(b[i:], []byte(w)) {
				blank(b[i : i+len(w)])
				changed = true
				break
			}
		}
		j := len(b)
		for j > 0 && isSpace(b[j-1]) {
			j--
		}
		for _, w := range scriptWrappers {
			if bytes.HasSuffix(b[:j], []byte(w)) {
				blank(b[j-len(w) : j])
				changed = true
				break
			}
		}
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func blank(b []byte) {
	for i := range b {
		b[i] = ' '
	}
}
