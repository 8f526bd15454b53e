package plaintext

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestFromHTML(t *testing.T) {
	base, _ := url.Parse("https://site.example/news/2026/item.html")
	tests := []struct {
		name  string
		in    string
		text  string
		links []string
	}{
		{"plain", "Just text &amp; more", "Just text & more", nil},
		{"less than", "a < b and c > d", "a < b and c > d", nil},
		{"paragraphs", "<p>One\n  two</p>\n\n<p>Three</p>", "One two\n\nThree", nil},
		{"inline", "<p>a<b>b</b> <i>c</i>d</p>", "ab cd", nil},
		{"br", "<p>line 1<br>line 2<br/> line 3</p>", "line 1\nline 2\nline 3", nil},
		{"divs without p", "<div>first</div>text after<div><div>nested</div></div>", "first\n\ntext after\n\nnested", nil},
		{"lists and headings", "<h2>Title</h2><ul><li>one</li><li>two</li></ul>", "Title\n\none\n\ntwo", nil},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc", nil},
		{"pre", "<pre>x  =  1\n  y</pre>", "x  =  1\ny", nil},
		{"skipped", "<p>keep</p><script>var x = 1;</script><style>p{}</style><noscript>enable js</noscript>", "keep", nil},
		{"entities", "&laquo;Цитата&raquo;&nbsp;&mdash; &#1055;", "«Цитата»\u00a0— П", nil},
		{
			"links",
			`<p><a href="/a">rel</a> <a href="https://x.example/b">abs</a> <a href="#top">frag</a> <a href="mailto:a@b">mail</a> <a href="javascript:void(0)">js</a> <a href="/a">dup</a> <a href="//cdn.example/c">proto</a></p><iframe src="https://www.youtube.com/embed/xyz"></iframe><video><source src="v.mp4"></video>`,
			"rel abs frag mail js dup proto",
			[]string{"https://site.example/a", "https://x.example/b", "https://cdn.example/c", "https://www.youtube.com/embed/xyz", "https://site.example/news/2026/v.mp4"},
		},
		{"empty", "", "", nil},
		{"only markup", "<p> </p><img src=x.jpg>", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, links := FromHTML(tt.in, base)
			if text != tt.text {
				t.Errorf("text = %q, want %q", text, tt.text)
			}
			if !reflect.DeepEqual(links, tt.links) {
				t.Errorf("links = %q, want %q", links, tt.links)
			}
		})
	}
}

func TestFromNode(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><title>T</title><style>x{}</style></head><body><h1>Head</h1><form><textarea>draft</textarea><button>Send</button></form><p>Body <a href="/x">link</a></p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://a.example/p/")
	text, links := FromNode(doc, base)
	if text != "Head\n\nBody link" {
		t.Errorf("text = %q", text)
	}
	if want := []string{"https://a.example/x"}; !reflect.DeepEqual(links, want) {
		t.Errorf("links = %q, want %q", links, want)
	}
	if text, links := FromNode(nil, nil); text != "" || links != nil {
		t.Errorf("FromNode(nil) = %q, %q", text, links)
	}
}
