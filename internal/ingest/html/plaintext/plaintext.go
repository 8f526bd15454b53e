// Package plaintext renders HTML as plain text for the feed and html formats: tags removed,
// entities decoded, white space collapsed, <br> as "\n" and block elements as paragraphs
// separated by "\n\n", with the links found on the way. It is pure and safe for concurrent
// use; it keeps no reference to its inputs.
package plaintext

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FromHTML parses an HTML fragment (a feed's content or description, say) as the content of a
// <div> and renders it with FromNode. Text without markup comes back unchanged apart from
// entity decoding and white space.
func FromHTML(fragment string, base *url.URL) (text string, links []string) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil { // only on reader errors, impossible with a strings.Reader
		return fragment, nil
	}
	w := textWriter{base: base, seen: map[string]bool{}}
	for _, n := range nodes {
		w.walk(n, false)
	}
	w.flush()
	return strings.Join(w.paras, "\n\n"), w.links
}

// FromNode converts the tree at n to plain text: tags are removed, runs of white space inside
// a paragraph collapse to one space (lines are trimmed, also in <pre>), <br> becomes "\n" and
// block elements are separated by "\n\n". Scripts, styles, form controls and embedded objects
// contribute no text. It also returns the targets of links (a href) and embeds (iframe,
// embed, video, audio, source src), resolved by ResolveLink, first occurrence first. A nil
// node has no text.
func FromNode(n *html.Node, base *url.URL) (text string, links []string) {
	if n == nil {
		return "", nil
	}
	w := textWriter{base: base, seen: map[string]bool{}}
	w.walk(n, false)
	w.flush()
	return strings.Join(w.paras, "\n\n"), w.links
}

// textWriter accumulates paragraphs and links while walking a parsed fragment.
type textWriter struct {
	base  *url.URL
	paras []string
	cur   strings.Builder
	links []string
	seen  map[string]bool
	space bool // white space seen since the last character written
}

// skipped elements contribute no text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Svg: true, atom.Math: true, atom.Select: true, atom.Button: true, atom.Textarea: true,
}

// blocks start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Caption: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Nav: true, atom.Main: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Form: true, atom.Fieldset: true, atom.Body: true, atom.Html: true,
}

func (w *textWriter) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.A:
		w.link(attr(n, "href"))
	case atom.Iframe, atom.Video, atom.Audio, atom.Source, atom.Embed:
		w.link(attr(n, "src"))
	}
	if skipped[n.DataAtom] {
		return
	}
	switch {
	case n.DataAtom == atom.Br:
		w.cur.WriteByte('\n')
		w.space = false
		return
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		w.space = true
	case blocks[n.DataAtom]:
		w.flush()
		defer w.flush()
	}
	pre = pre || n.DataAtom == atom.Pre
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, pre)
	}
}

// text appends character data. Outside <pre>, a run of white space becomes one space, kept
// only between words of the same line.
func (w *textWriter) text(s string, pre bool) {
	if pre {
		w.cur.WriteString(s)
		w.space = false
		return
	}
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			w.space = true
			continue
		}
		if w.space && w.cur.Len() > 0 && !strings.HasSuffix(w.cur.String(), "\n") {
			w.cur.WriteByte(' ')
		}
		w.space = false
		w.cur.WriteRune(r)
	}
}

// flush ends the current paragraph: lines are trimmed, empty ones dropped.
func (w *textWriter) flush() {
	if w.cur.Len() == 0 {
		return
	}
	lines := strings.Split(w.cur.String(), "\n")
	w.cur.Reset()
	w.space = false
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimRight(strings.TrimLeft(l, " \t"), " \t\r"); l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > 0 {
		w.paras = append(w.paras, strings.Join(kept, "\n"))
	}
}

// link records an http(s) link target, resolved against the base.
func (w *textWriter) link(href string) {
	if u := ResolveLink(w.base, href); u != "" && !w.seen[u] {
		w.seen[u] = true
		w.links = append(w.links, u)
	}
}

// ResolveLink resolves href against base (when non-nil) and returns it when it is an http or
// https URL with a host, else "". Fragment-only links (within the page) give "".
func ResolveLink(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}
