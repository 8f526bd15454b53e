package echo

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want string // ops as kind:text joined by |
	}{
		{"the cat sat", "the cat sat", "equal:the cat sat"},
		{"the cat sat", "the dog sat", "equal:the |delete:cat |insert:dog |equal:sat"},
		{"NATO troops fight", "BREAKING: NATO troops fight near Kharkiv", "insert:BREAKING: |equal:NATO troops fight |insert:near Kharkiv"},
		{"", "new text", "insert:new text"},
		{"Войска НАТО уже воюют", "войска НАТО воюют", "equal:войска НАТО |delete:уже |equal:воюют"},
	} {
		ops := Diff(tc.a, tc.b)
		var parts []string
		var ra, rb strings.Builder
		for _, op := range ops {
			parts = append(parts, op.Kind.String()+":"+op.Text)
			if op.Kind != Insert {
				ra.WriteString(op.Text)
			}
			if op.Kind != Delete {
				rb.WriteString(op.Text)
			}
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("Diff(%q, %q) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
		if rb.String() != tc.b {
			t.Errorf("Diff(%q, %q): insert+equal give %q", tc.a, tc.b, rb.String())
		}
	}
}
