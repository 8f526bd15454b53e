package lexicon

import (
	"reflect"
	"testing"
)

func TestParseEntry(t *testing.T) {
	tests := []struct {
		name      string
		entry     string
		splitDots bool
		want      []string // translations in order; a leading "!" marks a marked sense
	}{
		{"simple", "arme /aʀm/ <n, fem>\nweapon\n", false, []string{"weapon"}},
		{"list", "dievča /dʲiˈewtʃa/\ngirl, lass, wench\n", false, []string{"girl", "lass", "wench"}},
		{"definition line skipped",
			"broń /brɔ̃ɲ/ <n>\nweapon, arm\n(wojskowość, wojskowy) narzędzie walki, służące do obrony;\n",
			false, []string{"weapon", "arm"}},
		{"numbered senses with definitions",
			"przystępować /ˌpʃɨstɛ̃mˈpɔvaʨ̑/ <v>\n1. join\ndołączać do grupy\n2. approach\npodchodzić, zbliżać się\n3. proceed, set about\nrozpoczynać\n",
			false, []string{"join", "approach", "proceed", "set about"}},
		{"labels notes examples see",
			"Waffe /vˈafə/ <fem, n, sg>\n [ugs.] gun <n>\n      \"mit vorgehaltener Waffe\"  - at gunpoint\n   Synonyms: {Schusswaffe}, {Schießwaffe}\n\n see: {Schusswaffen}, {Waffen}\n",
			false, []string{"!gun"}},
		{"note line",
			"Waffe /vˈafə/ <fem, n, sg>\n [mil.] weapon <n>\n         Note: individually and collectively, arm <n>\n",
			false, []string{"weapon"}},
		{"abbreviations with pronunciations dropped",
			"Regierung /reːɡˈiːrʊŋ/ <fem, n, sg>\n [pol.] government <n>Gov.,  /ɡˈoːf/ Govt.,  /ɡˈɔft/ , administration <n> [Am.]\n",
			false, []string{"government", "administration"}},
		{"chairman abbreviations",
			"Vorsitzender /fˈoːɾzˌɪtsəndɜ/ <masc, n, sg>\nchairman <n>chm.,  /tsˌeːhˌɑːˈɛm/ , chairwoman <n>chw.\n",
			false, []string{"chairman", "chairwoman"}},
		{"blank line before translation", "decorous /dˈɛkəɹəs/\n\nευπρεπής\n", false, []string{"ευπρεπής"}},
		{"stress marks and gloss",
			"weapon //ˈwiːp.ən// //ˈwɛp.ən// <n>\nоръ́жие, оръжие\ninstrument of attack or defense in combat\n",
			false, []string{"оръжие", "оръжие"}},
		{"roman numerals and letters",
			"waffle /ˈwɒfəl/\nI.  <N> 1.  gofr\n 2.  ględzenie\nII.  <V>  ględzić\n",
			false, []string{"gofr", "ględzenie", "ględzić"}},
		{"trailing sense number", "colored //ˈkʌləɹd// <adj>\n1. цветнокож\nUS: of skin color\n2. цветен 2.\ncolorful\n",
			false, []string{"цветнокож", "цветен"}},
		{"grammar line in parentheses",
			"国防長官 /x/, こくぼうちょうかん /y/\n(noun (common) (futsuumeishi))\nSecretary of Defence (Defense)\n",
			false, []string{"secretary of defence"}},
		{"bracketed domain",
			"高速直列インターフェイス /x/\n(noun (common) (futsuumeishi))\n [computer terminology] high speed serial interface\n",
			false, []string{"high speed serial interface"}},
		{"turkish dots", "weapon /wˈɛpən/\n1. silâh. weaponry  silahlar.\n", true, []string{"silâh"}},
		{"turkish label", "silicon /sˈɪlɪkən/\n1. (kim.) silisyum.\n", true, []string{"silisyum"}},
		{"see also", "apklausa /x/ <n, f>\ninterrogatory, inquest, (mokykloje) questioning\n   See also: {apklausimas}\n",
			false, []string{"interrogatory", "inquest", "questioning"}},
		{"unicode hyphen", "opener /opənər/\ncanopener, tin‐opener\n", false, []string{"canopener", "tin-opener"}},
		{"long definition dropped",
			"x\nderebeylik devrinde şövalyelerden askerlik hizmeti yerine alınan vergi.\n",
			false, nil},
		{"only headword", "x /y/\n", false, nil},
		{"empty", "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range parseEntry(tt.entry, tt.splitDots) {
				s := c.text
				if c.marked {
					s = "!" + s
				}
				got = append(got, s)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseEntry = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"waffe", "waffe"},
		{"Waffe", "waffe"},
		{"  two  words ", "two words"},
		{"ОРУЖИЕ", "оружие"},
		{"оръ́жие", "оръжие"},
		{"الطّحالب", "الطحالب"},
		{"Zbran\u030c", "zbraň"},
		{"tin‐opener", "tin-opener"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestB64(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 4095, 123456789} {
		got, err := decodeB64(encodeB64(n))
		if err != nil || got != n {
			t.Errorf("decodeB64(encodeB64(%d)) = %d, %v", n, got, err)
		}
	}
	if n, _ := decodeB64("CfPUB"); n != 41743617 { // freedict-deu-eng "waffe"
		t.Errorf("decodeB64(CfPUB) = %d", n)
	}
	for _, s := range []string{"", "a-b", "AAAAAAAAA"} {
		if _, err := decodeB64(s); err == nil {
			t.Errorf("decodeB64(%q): want error", s)
		}
	}
}
