package importer

import "testing"

func TestNormalizeVerdict(t *testing.T) {
	tests := map[string]string{
		"False":                     VerdictFalse,
		"Pants on Fire!":            VerdictFalse,
		"pants-fire":                VerdictFalse,
		"FAKE":                      VerdictFalse,
		"Not true.":                 VerdictFalse,
		"Faux":                      VerdictFalse,
		"Неправда":                  VerdictFalse,
		"Mostly False":              VerdictMostlyFalse,
		"barely-true":               VerdictMostlyFalse,
		"Half True":                 VerdictMixed,
		"Mixture":                   VerdictMixed,
		"Teilweise falsch":          VerdictMixed,
		"Mostly true":               VerdictMostlyTrue,
		"True":                      VerdictTrue,
		"Correct attribution":       VerdictTrue,
		"Missing context":           VerdictMisleading,
		"Misleading: cherry picks":  VerdictMisleading,
		"Engañoso":                  VerdictMisleading,
		"Unproven":                  VerdictUnproven,
		"Labeled Satire":            VerdictSatire,
		"Disinformation":            VerdictDisinformation,
		"Four Pinocchios":           VerdictFalse,
		"":                          "",
		"Legend":                    "",
		"We rate this claim: FALSE": VerdictFalse,
	}
	for in, want := range tests {
		if got := NormalizeVerdict(in); got != want {
			t.Errorf("NormalizeVerdict(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScaleVerdict(t *testing.T) {
	tests := []struct{ v, best, worst, want string }{
		{"1", "5", "1", VerdictFalse},
		{"2", "5", "1", VerdictMostlyFalse},
		{"3", "5", "1", VerdictMixed},
		{"4", "5", "1", VerdictMostlyTrue},
		{"5", "5", "1", VerdictTrue},
		{"1", "", "", VerdictFalse}, // schema.org defaults 1..5
		{"0", "10", "0", VerdictFalse},
		{"-1", "5", "1", ""},
		{"x", "5", "1", ""},
		{"3", "1", "5", ""},
	}
	for _, tt := range tests {
		if got := scaleVerdict(tt.v, tt.best, tt.worst); got != tt.want {
			t.Errorf("scaleVerdict(%s, %s, %s) = %q, want %q", tt.v, tt.best, tt.worst, got, tt.want)
		}
	}
}
