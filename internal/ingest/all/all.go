// Package all is the explicit registry of input formats, in sniffing order: the most specific
// signatures first (Telegram exports before plain JSON Lines, feeds before HTML pages).
package all

import (
	"fimi/internal/ingest"
	"fimi/internal/ingest/csv"
	"fimi/internal/ingest/feed"
	"fimi/internal/ingest/html"
	"fimi/internal/ingest/jsonl"
	"fimi/internal/ingest/telegram"
)

// Formats returns every built-in format in sniffing order.
func Formats() []ingest.Format {
	return []ingest.Format{telegram.Format, feed.RSS, feed.Atom, html.HTML, jsonl.Format, csv.Format}
}

// Names returns the names of the built-in formats.
func Names() []string {
	var out []string
	for _, f := range Formats() {
		out = append(out, f.Name)
	}
	return out
}
