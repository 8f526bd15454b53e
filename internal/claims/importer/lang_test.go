package importer

import "testing"

func TestLangCode(t *testing.T) {
	tests := map[string]string{
		"Russian": "ru", "russian": "ru", " English ": "en", "Spanish, Castilian": "es", "Castilian": "es",
		"Português (Brazil)": "pt", "Montenegrin": "cnr", "Moldavian": "ro", "Georgian": "ka",
		"rus": "ru", "ger": "de", "deu": "de", "hun": "hu", "arm": "hy", "geo": "ka", "cze": "cs", "rum": "ro", "svk": "sk",
		"blr": "be", "mda": "ro", "srb": "sr", "mne": "cnr", "lva": "lv", "bgr": "bg",
		"en": "en", "en-GB": "en", "pt_BR": "pt", "UK": "uk",
		"Moldova": "", "Bulgaria": "", "": "", "Elvish": "", "abc": "", "12": "",
	}
	for in, want := range tests {
		if got := LangCode(in); got != want {
			t.Errorf("LangCode(%q) = %q, want %q", in, got, want)
		}
	}
}
