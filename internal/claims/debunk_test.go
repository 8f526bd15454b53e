package claims

import (
	"strings"
	"testing"
)

func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "Hello WORLD", "Факт-Чек ПРОВЕРКА", "ÀÉÎ ß İstanbul ΣΑΣ", "bad \xff\xfe utf8 Ǆ", "\u0130\u212A"} {
		if got := string(appendLower(nil, s)); got != strings.ToLower(s) {
			t.Errorf("%q: %q, want %q", s, got, strings.ToLower(s))
		}
	}
}

func TestHasDebunkMarker(t *testing.T) {
	for s, want := range map[string]bool{
		"FACT CHECK: no, NATO is not there": true,
		"Это ФЕЙК":                          true,
		"NATO troops are massing":           false,
	} {
		if got, _ := hasDebunkMarker(s, nil); got != want {
			t.Errorf("%q: %v", s, got)
		}
	}
}
