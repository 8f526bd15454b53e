package stem

import "testing"

var benchWords = []struct{ lang, word string }{
	{"en", "attacking"},
	{"ru", "оружием"},
	{"de", "waffen"},
	{"fr", "gouvernements"},
	{"es", "armas"},
	{"uk", "зброєю"},
	{"pl", "bronią"},
	{"cs", "zbraněmi"},
	{"bg", "оръжието"},
	{"sr", "оружјем"},
}

func BenchmarkStem(b *testing.B) {
	for _, w := range benchWords {
		b.Run(w.lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Stem(w.lang, w.word)
			}
		})
	}
}

func BenchmarkStopWord(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		StopWord("ru", "которые")
	}
}
