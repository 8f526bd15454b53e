//go:build lingua

// This comparison with lingua-go (high accuracy mode, restricted to our languages) builds
// lingua's 125 MB of models into the test binary, hence the build tag:
//
//	go test -tags lingua -run Lingua -v ./internal/text/lang

package lang

import (
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"
)

func linguaDetector(t testing.TB) lingua.LanguageDetector {
	t.Helper()
	var langs []lingua.Language
	for _, code := range Supported() {
		iso := code
		if iso == "no" {
			iso = "nb"
		}
		l := lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(iso))
		if l == lingua.Unknown {
			t.Fatalf("lingua has no language %q", code)
		}
		langs = append(langs, l)
	}
	return lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).Build()
}

// linguaFunc adapts a lingua detector to the signature of Detect.
func linguaFunc(ld lingua.LanguageDetector) func(string) string {
	return func(text string) string {
		l, ok := ld.DetectLanguageOf(text)
		if !ok {
			return ""
		}
		c := strings.ToLower(l.IsoCode639_1().String())
		if c == "nb" {
			c = "no"
		}
		return c
	}
}

// TestLinguaAgreement reports how often Detect agrees with lingua-go and the accuracy of
// both against the labels. It asserts only a loose floor on agreement for clean sentences.
func TestLinguaAgreement(t *testing.T) {
	ld := linguaFunc(linguaDetector(t))
	d := Default()
	sentences := loadSentences(t)
	sets := []struct {
		name    string
		samples func(t *testing.T) []Sample
	}{
		{"sentences", func(*testing.T) []Sample { return sentences }},
		{"4-word fragments", func(*testing.T) []Sample { return fragments(sentences, 4) }},
		{"2-word fragments", func(*testing.T) []Sample { return fragments(sentences, 2) }},
		{"euvsdisinfo", func(t *testing.T) []Sample { return loadEUvsDisinfo(t) }},
		{"d3lta", func(t *testing.T) []Sample { return loadD3lta(t) }},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			samples := set.samples(t)
			agree := 0
			lrep := Report{PerLang: map[string]LangStats{}, Confusion: map[string]map[string]int{}}
			for _, s := range samples {
				ours, _ := d.Detect(s.Text)
				theirs := ld(s.Text)
				if ours == theirs {
					agree++
				}
				lrep.add(s.Lang, theirs)
			}
			rate := float64(agree) / float64(len(samples))
			ourRep := Evaluate(d, samples)
			t.Logf("%s: agreement with lingua %d/%d = %.3f; accuracy: ours %.3f, lingua %.3f\nlingua per language:\n%s",
				set.name, agree, len(samples), rate, ourRep.Accuracy(), lrep.Accuracy(), lrep.Table())
			if set.name == "sentences" && rate < 0.95 {
				t.Errorf("agreement with lingua on sentences %.3f, want >= 0.95", rate)
			}
		})
	}
}
