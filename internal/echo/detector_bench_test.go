package echo

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fimi/internal/gen"
	"fimi/internal/text/lexicon"
)

var benchCorpus = sync.OnceValue(func() []Doc {
	var corpus bytes.Buffer
	opt := gen.DefaultOptions()
	opt.Items = 20_000
	if _, err := gen.Write(context.Background(), opt, &corpus, io.Discard, io.Discard); err != nil {
		panic(err)
	}
	var docs []Doc
	dec := json.NewDecoder(&corpus)
	for {
		var it struct {
			ID, Text, Title, Lang, Account, Outlet, Shares string
			Published                                      time.Time
		}
		if err := dec.Decode(&it); err != nil {
			break
		}
		if it.Shares != "" {
			continue
		}
		text := it.Text
		if it.Title != "" {
			text = it.Title + "\n\n" + text
		}
		docs = append(docs, Doc{ID: it.ID, Text: text, Lang: it.Lang, Account: it.Account, Outlet: it.Outlet, Published: it.Published})
	}
	return docs
})

// benchLexicon is the installed FreeDict lexicon (empty when none is installed).
var benchLexicon = sync.OnceValue(func() Lexicon {
	lx, err := lexicon.Default()
	if err != nil {
		return Lexicon{}
	}
	return Lexicon{
		Words: func(lang string) []string {
			var out []string
			for _, p := range lx.Pairs(lang) {
				if !strings.ContainsAny(p.Foreign, " -") {
					out = append(out, p.Foreign)
				}
			}
			return slices.Compact(out)
		},
		ToEnglish: lx.ToEnglish,
	}
})

var benchLangs = []string{"de", "fr", "es", "it", "pt", "ru", "pl", "cs", "uk", "sk", "bg", "sr", "hu", "lt", "ar", "tr", "ja"}

// BenchmarkPrepare measures the analysis of one `fimi gen` item (20,000-item corpus, FreeDict
// lexicon when installed, language given or detected as in the corpus), on one goroutine.
func BenchmarkPrepare(b *testing.B) {
	docs := benchCorpus()
	d, err := New(Options{Lexicon: benchLexicon()})
	if err != nil {
		b.Fatal(err)
	}
	d.Preload(benchLangs...)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		d.Prepare(docs[i%len(docs)])
		i++
	}
}

// BenchmarkAddPrepared measures AddPrepared (candidates, verification, groups) per item of a
// 20,000-item `fimi gen` corpus prepared beforehand; the detector starts anew each time the
// corpus is exhausted. bytes/item is the detector's own estimate at the end.
func BenchmarkAddPrepared(b *testing.B) {
	docs := benchCorpus()
	d, err := New(Options{Lexicon: benchLexicon(), Horizon: -1})
	if err != nil {
		b.Fatal(err)
	}
	d.Preload(benchLangs...)
	prepared := make([]Prepared, len(docs))
	for i := range docs {
		prepared[i] = d.Prepare(docs[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	var bpi float64
	for b.Loop() {
		if i == len(prepared) {
			bpi = d.MemoryStats().BytesPerItem
			b.StopTimer()
			d, _ = New(Options{Lexicon: benchLexicon(), Horizon: -1})
			d.Preload(benchLangs...)
			i = 0
			b.StartTimer()
		}
		d.AddPrepared(prepared[i])
		i++
	}
	if bpi == 0 {
		bpi = d.MemoryStats().BytesPerItem
	}
	b.ReportMetric(bpi, "bytes/item")
}
