package lexicon

import (
	"runtime"
	"testing"
)

// BenchmarkLoad loads the installed German dictionaries (the largest) and reports the heap
// they hold.
func BenchmarkLoad(b *testing.B) {
	dir := installedDir(b, "freedict-deu-eng")
	b.ReportAllocs()
	var lex *Lexicon
	var m0, m1 runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&m0)
		var err error
		if lex, err = Load(dir, "de"); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
	}
	b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(lex)
}

func BenchmarkToEnglish(b *testing.B) {
	lex, err := Load(fixtureDir(b), "de")
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []string{"waffe", "Waffe"} {
		b.Run(w, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lex.ToEnglish("de", w)
			}
		})
	}
}
