package gen

import (
	"bufio"
	"time"
)

// writeClaims writes the claim set: the first opt.maxClaims claims of the library.
func (g *gen) writeClaims(w *bufio.Writer) {
	var b []byte
	for ci := range g.opt.maxClaims {
		c := &g.lib.claims[ci]
		u := &g.lib.units[c.unit]
		pub := &g.lib.publishers[c.publisher]
		b = append(b[:0], '{')
		b = appendField(b, "id", c.id)
		b = appendField(b, "text", chooser{first: true}.render(nil, g.lib.tpls[u.tpl[c.lang]]))
		b = appendField(b, "title", c.title)
		b = appendField(b, "verdict", c.verdict)
		var ls []string
		for li := range nLang {
			if u.langs&(1<<li) != 0 {
				ls = append(ls, langs[li])
			}
		}
		b = appendStrList(b, "languages", ls)
		b = appendStrList(b, "keywords", c.keywords)
		t := g.opt.Start.Add(time.Duration(c.day)*24*time.Hour + time.Duration(9+ci%8)*time.Hour).UTC()
		b = appendField(b, "published", t.Format(time.RFC3339))
		b = appendField(b, "publisher", pub.name)
		url := "https://" + pub.domain + "/fact-check/" + t.Format("2006/01/") + slugify(c.title) + "/"
		b = appendField(b, "url", url)
		tags := append([]string{"narrative:" + g.lib.narrs[c.narr].id}, c.tags...)
		b = appendStrList(b, "tags", tags)
		b = append(b, "}\n"...)
		w.Write(b)
	}
	g.sum.Claims = g.opt.maxClaims
}

// slugify keeps ASCII letters and digits (lower-cased) and joins the rest with single dashes.
func slugify(s string) string {
	var b []byte
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			dash = false
		default:
			dash = true
		}
	}
	return string(b)
}
