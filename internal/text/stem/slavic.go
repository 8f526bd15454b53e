package stem

import (
	"strings"
	"unicode/utf8"
)

// The light stemmers. Each removes one inflectional ending (after a reflexive particle for
// the East Slavic languages) and keeps a stem of at least three letters.

const (
	ukVowels = "аеєиіїоуюя"
	beVowels = "аеёіоуыэюя"
)

var (
	ukReflexive = newSuffixSet(3, ukVowels, "ся сь")
	ukEndings   = newSuffixSet(3, ukVowels, `
		а я о е є у ю і ї и й ь
		ам ям ах ях ів їв ей ою ею єю ом ем єм ий ій ої ім им их іх ую юю ая яя ее ти ть ав ив
		ла ло ли
		ами ями ові еві єві ого ому ими іми ьої ьою ати ити іти яти ути ать ять уть ють ить іть
		еть ала ало али ила ило или іла іло іли ємо имо емо ете ите єте ючи учи ачи ячи
		ього ьому`)

	beReflexive = newSuffixSet(3, beVowels, "ся")
	beEndings   = newSuffixSet(3, beVowels, `
		а я о е ё у ю і ы й ь
		ам ям ах ях аў яў оў еў ёў іў ыў ой ёй ай яй ою ёю ом ем ём ая яя ае яе ую юю ым ім ых
		іх ць ці ла ло лі
		амі ямі ага яга аму яму ымі імі ога ому аць яць ець іць ыць уць юць ала ало алі іла ыла
		ілі ылі ыцца іцца ацца яцца ецца`)

	plEndings = newSuffixSet(3, "", `
		a ą ę e i y o u ć ł
		om ów em ie ię ią ia iu io ej ym im ać eć ić yć ąc ał ił ył eł
		ego emu ymi imi ach ami ych ich owi iem iom iów ała ało ali ały iła iło ili iły yła yło
		yli yły ość esz emy isz imy ysz ymy asz amy ają ują ując ący ąca ące
		iego iemu iach iami ości ować ował ecie icie ycie acie ącej ącym ących ącego owie
		ością ościom ościach ościami owała owało owali owały
		dzie>d cie>t`)

	// csEndings are the case endings of Dolamic and Savoy's light Czech stemmer.
	csEndings = newSuffixSet(3, "", `
		a e i o u ů y á é í ý ě
		em es ém ím ům at ám os us ým mi ou
		ech ich ích ého ěmi emi ému ěte ete ěti eti ího iho ími ímu imu ách ata aty ých ama ami
		ové ovi ými
		ětem etem atům
		atech`)
	csPossessive = newSuffixSet(4, "", "ov in ův")

	skEndings = newSuffixSet(3, "", `
		a á ä e é i í o ó u ú y ý
		ov om ou ej ám ím ém ým ia ie iu mi ať iť uť
		ami ách ích ých ými ími ého ému ovi och ach ata aty ieť ila ilo ili ala alo ali ela elo
		eli
		iach iami ieho iemu`)

	hbsEndings = newSuffixSet(3, "", `
		a e i o u
		om em ih im og oj ti ći la lo li le ao io eo uo am aš
		ama ima ega emu omu oga ome ovi evi ova eva ove eve ati iti eti uti ala ila ela ula alo
		ilo elo ali ili eli ale ile amo ate aju imo ite emo ete uje ijem ijeh
		ujem uješ ujemo ujete
		ovima evima`)
)

// ukrainianStem is the light Ukrainian stemmer.
func ukrainianStem(w string) string {
	w = ukEndings.strip(ukReflexive.strip(w))
	return trimSoftSign(w)
}

// belarusianStem is the light Belarusian stemmer.
func belarusianStem(w string) string {
	w = beEndings.strip(beReflexive.strip(w))
	return trimSoftSign(w)
}

// trimSoftSign removes a final soft sign left after stripping ("учитель" and "учителя" meet).
func trimSoftSign(w string) string {
	if strings.HasSuffix(w, "ь") && utf8.RuneCountInString(w) > 3 {
		return w[:len(w)-len("ь")]
	}
	return w
}

// polishStem is the light Polish stemmer. Besides endings it undoes the two commonest
// alternations of the locative: -dzie → -d ("rządzie" → "rząd"), -cie → -t ("prezydencie").
func polishStem(w string) string { return plEndings.strip(w) }

// slovakStem is the light Slovak stemmer.
func slovakStem(w string) string { return skEndings.strip(w) }

// serboCroatianStem is the light stemmer for Croatian, Bosnian and Latin Serbian.
func serboCroatianStem(w string) string { return hbsEndings.strip(w) }

// czechStem is Dolamic and Savoy's light Czech stemmer: case endings, then possessive
// suffixes, then a normalisation of the stem's last letters (palatalisation: "ruce" and
// "ruka" meet).
func czechStem(w string) string {
	w = csPossessive.strip(csEndings.strip(w))
	return czechNormalize(w)
}

// czechNormalize rewrites the end of a Czech stem: čt→ck, št→sk, c/č→k, z/ž→h, drops an e
// before the last letter and reads ů before the last letter as o.
func czechNormalize(w string) string {
	switch {
	case strings.HasSuffix(w, "čt"):
		return w[:len(w)-len("čt")] + "ck"
	case strings.HasSuffix(w, "št"):
		return w[:len(w)-len("št")] + "sk"
	}
	last, size := utf8.DecodeLastRuneInString(w)
	switch last {
	case 'c', 'č':
		return w[:len(w)-size] + "k"
	case 'z', 'ž':
		return w[:len(w)-size] + "h"
	}
	head := w[:len(w)-size]
	prev, psize := utf8.DecodeLastRuneInString(head)
	if utf8.RuneCountInString(w) > 1 {
		switch prev {
		case 'e':
			return head[:len(head)-psize] + w[len(w)-size:]
		case 'ů':
			if utf8.RuneCountInString(w) > 2 {
				return head[:len(head)-psize] + "o" + w[len(w)-size:]
			}
		}
	}
	return w
}

// serbianToLatin writes Serbian Cyrillic in Gaj's Latin alphabet; other text is kept.
func serbianToLatin(w string) string {
	cyr := false
	for _, r := range w {
		if r >= 0x0400 && r <= 0x04FF {
			cyr = true
			break
		}
	}
	if !cyr {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if s, ok := serbianLatin[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var serbianLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z",
	'и': "i", 'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c",
	'ч': "č", 'џ': "dž", 'ш': "š",
}

// bulgarianStem is Savoy's light Bulgarian stemmer: the definite article, then plural
// endings, then a final vowel are removed; words under four letters are kept. It differs
// from Savoy's in also removing a final и in the last step.
func bulgarianStem(w string) string {
	if utf8.RuneCountInString(w) < 4 {
		return w
	}
	s := []rune(w)
	n := len(s)
	if n > 5 && hasRunes(s, n, "ища") {
		return string(s[:n-3])
	}
	n = bgArticle(s, n)
	n = bgPlural(s, n)
	if n > 3 {
		if hasRunes(s, n, "я") {
			n--
		}
		if hasRunes(s, n, "а") || hasRunes(s, n, "о") || hasRunes(s, n, "е") {
			n--
		}
		// Not in Savoy's: so that "оръжие" meets "оръжия".
		if n > 3 && hasRunes(s, n, "и") {
			n--
		}
	}
	if n > 4 && hasRunes(s, n, "ен") {
		s[n-2] = 'н'
		n--
	}
	if n > 5 && s[n-2] == 'ъ' {
		s[n-2] = s[n-1]
		n--
	}
	return string(s[:n])
}

func bgArticle(s []rune, n int) int {
	if n > 6 && hasRunes(s, n, "ият") {
		return n - 3
	}
	// Not in Savoy's: after a consonant, -та is a masculine stem in -т with the short
	// article -а ("президента", "факта"), so only -а goes; "смъртта" loses -та.
	if n > 5 && hasRunes(s, n, "та") && !isBgVowel(s[n-3]) {
		if s[n-3] == 'т' {
			return n - 2
		}
		return n - 1
	}
	if n > 5 {
		for _, suf := range [...]string{"ът", "то", "те", "та", "ия"} {
			if hasRunes(s, n, suf) {
				return n - 2
			}
		}
	}
	if n > 4 && hasRunes(s, n, "ят") {
		return n - 2
	}
	return n
}

func bgPlural(s []rune, n int) int {
	if n > 6 {
		switch {
		case hasRunes(s, n, "овци"):
			return n - 3 // -овци → -о
		case hasRunes(s, n, "ове"):
			return n - 3
		case hasRunes(s, n, "еве"):
			s[n-3] = 'й'
			return n - 2
		}
	}
	if n > 5 {
		switch {
		case hasRunes(s, n, "ища"):
			return n - 3
		case hasRunes(s, n, "та"):
			return n - 2
		case hasRunes(s, n, "ци"):
			s[n-2] = 'к'
			return n - 1
		case hasRunes(s, n, "зи"):
			s[n-2] = 'г'
			return n - 1
		case s[n-3] == 'е' && s[n-1] == 'и':
			s[n-3] = 'я'
			return n - 1
		}
	}
	if n > 4 {
		switch {
		case hasRunes(s, n, "си"):
			s[n-2] = 'х'
			return n - 1
		case hasRunes(s, n, "и"):
			return n - 1
		}
	}
	return n
}

func isBgVowel(r rune) bool {
	switch r {
	case 'а', 'ъ', 'о', 'у', 'е', 'и', 'ю', 'я':
		return true
	}
	return false
}

// hasRunes reports whether s[:n] ends with suf.
func hasRunes(s []rune, n int, suf string) bool {
	k := utf8.RuneCountInString(suf)
	if k > n {
		return false
	}
	i := n - k
	for _, r := range suf {
		if s[i] != r {
			return false
		}
		i++
	}
	return true
}
