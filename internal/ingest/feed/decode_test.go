package feed

import (
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func TestLangCode(t *testing.T) {
	tests := map[string]string{
		"en-us": "en", "EN-GB": "en", "ru": "ru", "ru_RU": "ru", " uk-UA ": "uk",
		"": "", "rus": "", "x-klingon": "", "1a": "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := langCode(in); got != want {
				t.Errorf("langCode(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestEntryTime(t *testing.T) {
	at := func(s string) *time.Time {
		tt, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &tt
	}
	tests := []struct {
		name string
		item gofeed.Item
		want string
	}{
		{"numeric zone", gofeed.Item{Published: "Mon, 02 Mar 2026 14:05:00 +0300", PublishedParsed: at("2026-03-02T14:05:00+03:00")}, "2026-03-02T11:05:00Z"},
		// gofeed reads unknown zone abbreviations as UTC.
		{"MSK", gofeed.Item{Published: "Sun, 01 Mar 2026 21:40:00 MSK", PublishedParsed: at("2026-03-01T21:40:00Z")}, "2026-03-01T18:40:00Z"},
		{"offset and MSK", gofeed.Item{Published: "Sun, 01 Mar 2026 21:40:00 +0300 MSK", PublishedParsed: at("2026-03-01T21:40:00+03:00")}, "2026-03-01T18:40:00Z"},
		{"YEKT lower case", gofeed.Item{Published: "Sun, 01 Mar 2026 21:40:00 yekt", PublishedParsed: at("2026-03-01T21:40:00Z")}, "2026-03-01T16:40:00Z"},
		{"updated only", gofeed.Item{Updated: "2026-02-28T23:45:00-05:00", UpdatedParsed: at("2026-02-28T23:45:00-05:00")}, "2026-03-01T04:45:00Z"},
		{"unparsed", gofeed.Item{Published: "вчера"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entryTime(&tt.item)
			if tt.want == "" {
				if !got.IsZero() {
					t.Errorf("entryTime = %v, want zero", got)
				}
				return
			}
			if got.Format(time.RFC3339) != tt.want || got.Location() != time.UTC {
				t.Errorf("entryTime = %v, want %s", got, tt.want)
			}
		})
	}
}
