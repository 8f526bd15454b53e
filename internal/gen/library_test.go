package gen

import (
	"strings"
	"testing"
	"unicode"
)

func TestLibraryTemplatesRender(t *testing.T) {
	l, err := loadLibrary()
	if err != nil {
		t.Fatal(err)
	}
	// Which language each template belongs to, for messages.
	lang := make([]int, len(l.tpls))
	for i := range lang {
		lang[i] = -1
	}
	mark := func(li int, ts []int32) {
		for _, t := range ts {
			lang[t] = li
		}
	}
	for li := range nLang {
		for ti := range l.topics {
			mark(li, l.topics[ti].sent[li])
			mark(li, l.topics[ti].post[li])
			mark(li, l.topics[ti].art[li])
			mark(li, l.topics[ti].title[li])
		}
		for f := range nFrames {
			mark(li, l.frames[f][li])
		}
		for ui := range l.units {
			if tp := l.units[ui].tpl[li]; tp >= 0 {
				mark(li, []int32{tp})
			}
		}
	}
	for ti, ns := range l.tpls {
		if lang[ti] < 0 {
			t.Fatalf("template %d belongs to no language", ti)
		}
		for seed := range uint64(24) {
			c := chooser{seed: mix(seed), vseed: mix(seed + 99), vp: rewordP}
			if seed == 0 {
				c = chooser{first: true}
			}
			b := c.render(nil, ns)
			if len(b) > 0 {
				capitalize(b, 0)
			}
			out := string(b)
			switch {
			case strings.ContainsAny(out, "{}[]|"):
				t.Fatalf("%s template %d leaks syntax: %q", langs[lang[ti]], ti, out)
			case strings.Contains(out, "  ") || strings.Contains(out, " ,") || strings.Contains(out, " .") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " "):
				t.Fatalf("%s template %d renders bad spacing: %q", langs[lang[ti]], ti, out)
			}
			for _, r := range out {
				if unicode.IsDigit(r) {
					break
				}
				if unicode.IsLetter(r) {
					if unicode.IsLower(r) {
						t.Fatalf("%s template %d starts in lower case: %q", langs[lang[ti]], ti, out)
					}
					break
				}
			}
		}
	}
}

func TestLibraryCoverage(t *testing.T) {
	l, err := loadLibrary()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.claims) < 40 {
		t.Fatalf("%d claims, want at least 40", len(l.claims))
	}
	for _, c := range l.claims {
		u := &l.units[c.unit]
		n := 0
		for li := range nLang {
			if u.tpl[li] >= 0 {
				n++
			}
		}
		if n < 4 {
			t.Errorf("claim %s exists in %d languages, want at least 4", c.id, n)
		}
	}
	for _, n := range l.narrs {
		switch {
		case n.id == "frames":
		case n.id == "kharkiv":
			for _, ui := range n.units[ukTrue] {
				for li := range nCore {
					if l.units[ui].tpl[li] < 0 {
						t.Errorf("true unit %d lacks %s", ui, langs[li])
					}
				}
			}
		default:
			for _, k := range []uint8{ukClaim, ukSupport, ukTitle, ukDebunk, ukDTitle} {
				if len(n.units[k]) == 0 {
					t.Errorf("narrative %s has no %s units", n.id, unitKindNames[k])
				}
			}
		}
	}
	// Every language has ordinary content, frames and narrative sentences.
	for li := range nLang {
		if len(l.topics[tWeather].sent[li]) == 0 || len(l.topics[tLocal].sent[li]) == 0 {
			t.Errorf("%s lacks weather or local news", langs[li])
		}
		true_, claims := 0, 0
		for ui := range l.units {
			if l.units[ui].tpl[li] < 0 {
				continue
			}
			switch l.units[ui].kind {
			case ukTrue:
				true_++
			case ukClaim:
				claims++
			}
		}
		if true_ < 2 || claims < 5 {
			t.Errorf("%s has %d true-reporting and %d claim sentences", langs[li], true_, claims)
		}
	}
}

func TestTemplateSyntax(t *testing.T) {
	lookup := func(name string) ([]string, bool) {
		if name == "city" {
			return []string{"Lyon"}, true
		}
		return nil, false
	}
	for _, tc := range []struct {
		in   string
		want string
		bad  bool
	}{
		{in: "plain text", want: "plain text"},
		{in: "{a|b} [city] [n:3-3]", want: "a Lyon 3"},
		{in: "x{|{y|z}}w", want: "xw"},
		{in: "{unclosed", bad: true},
		{in: "stray}", bad: true},
		{in: "[nope]", bad: true},
		{in: "[n:5-1]", bad: true},
	} {
		ns, err := parseTemplate(tc.in, lookup, nil)
		if (err != nil) != tc.bad {
			t.Errorf("%q: err = %v", tc.in, err)
			continue
		}
		if !tc.bad {
			if got := string(chooser{first: true}.render(nil, ns)); got != tc.want {
				t.Errorf("%q renders %q, want %q", tc.in, got, tc.want)
			}
		}
	}
}
