package lang

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchTexts joins the hand-written sentences of each language into texts of n characters
// (runes), repeating a language's sentences when they are too few, so that a benchmark walks
// all languages and scripts rather than one hot text.
func benchTexts(b *testing.B, n int) []string {
	b.Helper()
	byLang := map[string][]string{}
	var order []string
	for _, s := range loadSentences(b) {
		if byLang[s.Lang] == nil {
			order = append(order, s.Lang)
		}
		byLang[s.Lang] = append(byLang[s.Lang], s.Text)
	}
	var out []string
	for _, l := range order {
		sentences := byLang[l]
		for i := 0; i < len(sentences); {
			var sb strings.Builder
			for utf8.RuneCountInString(sb.String()) < n {
				if sb.Len() > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(sentences[i%len(sentences)])
				i++
			}
			out = append(out, firstRunes(sb.String(), n))
			if n > 1000 {
				break // one long text per language
			}
		}
	}
	return out
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// BenchmarkDetect measures Detect on texts of 100, 300, 2,000 and 20,000 characters; Detect
// reads at most MaxInput bytes and stops early once one language leads clearly.
func BenchmarkDetect(b *testing.B) {
	d := Default()
	for _, n := range []int{100, 300, 2000, 20000} {
		texts := benchTexts(b, n)
		bytes := 0
		for _, t := range texts {
			bytes += len(t)
		}
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(bytes / len(texts)))
			i := 0
			for b.Loop() {
				d.Detect(texts[i%len(texts)])
				i++
			}
		})
	}
}

func BenchmarkScores(b *testing.B) {
	d := Default()
	texts := benchTexts(b, 300)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.Scores(texts[i%len(texts)])
		i++
	}
}

func BenchmarkLoadModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadModel(modelData, defaultParams); err != nil {
			b.Fatal(err)
		}
	}
}
