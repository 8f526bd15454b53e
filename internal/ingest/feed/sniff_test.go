package feed

import "testing"

func TestSniff(t *testing.T) {
	tests := []struct {
		name      string
		head      string
		rss, atom bool
	}{
		{"rss", `<rss version="2.0">`, true, false},
		{"rss with prolog", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- generator: x -->\n<?xml-stylesheet href=\"a.xsl\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">", true, false},
		{"rss 1.0", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">`, true, false},
		{"rss doctype", `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91">`, true, false},
		{"atom", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`, false, true},
		{"atom prefixed", "<atom:feed\n  xmlns:atom=\"http://www.w3.org/2005/Atom\">", false, true},
		{"atom 0.3", `<feed version="0.3" xmlns="http://purl.org/atom/ns#">`, false, true},
		{"feed without namespace", `<feed><entry/></feed>`, false, false},
		{"html", `<!doctype html><html lang="en">`, false, false},
		{"json", `{"version": "https://jsonfeed.org/version/1.1"}`, false, false},
		{"unfinished comment", `<!-- <rss`, false, false},
		{"empty", ``, false, false},
		{"rssx element", `<rssx>`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffRSS([]byte(tt.head)); got != tt.rss {
				t.Errorf("SniffRSS = %v, want %v", got, tt.rss)
			}
			if got := SniffAtom([]byte(tt.head)); got != tt.atom {
				t.Errorf("SniffAtom = %v, want %v", got, tt.atom)
			}
		})
	}
}
