package translit

import "testing"

func BenchmarkToLatin(b *testing.B) {
	for _, c := range []struct{ name, lang, s string }{
		{"ascii", "", "vladimir putin"},
		{"ru", "ru", "Владимир Путин"},
		{"uk", "", "Володимир Зеленський"},
		{"latin", "", "Wołodymyr Zełenski"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ToLatin(c.lang, c.s)
			}
		})
	}
}

func BenchmarkKey(b *testing.B) {
	for _, c := range []struct{ name, s string }{
		{"ascii", "Vladimir Putin"},
		{"cyrillic", "Володимир Зеленський"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Key(c.s)
			}
		})
	}
}
