package importer

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

func TestParseTime(t *testing.T) {
	tests := map[string]string{
		"2024-05-03":                "2024-05-03T00:00:00Z",
		"2023-07-20T10:00:00+0200":  "2023-07-20T08:00:00Z",
		"03.10.2017":                "2017-10-03T00:00:00Z",
		"May 5, 2020":               "2020-05-05T00:00:00Z",
		"2019":                      "2019-01-01T00:00:00Z",
		"2019-12":                   "2019-12-01T00:00:00Z",
		"1714640400":                "2024-05-02T09:00:00Z",
		"2020-01-02T00:00:00+00:00": "2020-01-02T00:00:00Z",
	}
	for in, want := range tests {
		got, err := parseTime(in)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("parseTime(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"31.09.2017", "yesterday", "2024-13-40"} {
		if _, err := parseTime(bad); err == nil {
			t.Errorf("parseTime(%q) accepted", bad)
		}
	}
}

func TestFinish(t *testing.T) {
	tests := []struct {
		name  string
		c     fimi.Claim
		p     policy
		field string // FieldError field, "" for ErrNoText, "-" for success
	}{
		{"ok", fimi.Claim{ID: " x ", Text: " t "}, policy{}, "-"},
		{"empty id", fimi.Claim{Text: "t"}, policy{}, "id"},
		{"control in id", fimi.Claim{ID: "a\nb", Text: "t"}, policy{}, "id"},
		{"long id", fimi.Claim{ID: strings.Repeat("x", maxIDBytes+1), Text: "t"}, policy{}, "id"},
		{"no text", fimi.Claim{ID: "x", Summary: "s"}, policy{}, ""},
		{"bad UTF-8", fimi.Claim{ID: "x", Text: "t", Disproof: "\xff"}, policy{}, "disproof"},
		{"bad url", fimi.Claim{ID: "x", Text: "t", URL: "mailto:a@b"}, policy{}, "url"},
		{"bad related, strict", fimi.Claim{ID: "x", Text: "t", Related: []string{"x"}}, policy{strict: true}, "related"},
		{"bad related, lenient", fimi.Claim{ID: "x", Text: "t", Related: []string{"x"}}, policy{}, "-"},
		{"bad language, strict", fimi.Claim{ID: "x", Text: "t", Languages: []string{"Elvish"}}, policy{strict: true}, "languages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			err := finish(&c, tt.p)
			var fe *ingest.FieldError
			switch {
			case tt.field == "-" && err != nil:
				t.Errorf("error %v", err)
			case tt.field == "" && !errors.Is(err, ErrNoText):
				t.Errorf("error %v, want ErrNoText", err)
			case tt.field != "-" && tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field):
				t.Errorf("error %v, want a field error on %s", err, tt.field)
			}
		})
	}
	c := fimi.Claim{ID: "x", Text: "t", Rating: "Mostly False", Keywords: []string{"A", " a ", "", "B"},
		Languages: []string{"Russian", "ru", "Moldova"}, Related: []string{"https://A.example/x?utm_source=y", "https://a.example/x"}}
	if err := finish(&c, policy{}); err != nil {
		t.Fatal(err)
	}
	if c.Verdict != VerdictMostlyFalse || strings.Join(c.Keywords, "|") != "A|B" || strings.Join(c.Languages, ",") != "ru" ||
		strings.Join(c.Related, " ") != "https://a.example/x" {
		t.Errorf("normalised %+v", c)
	}
}
