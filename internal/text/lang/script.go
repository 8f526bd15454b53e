package lang

import "unicode"

// script is the writing system of a letter. The first three carry n-gram models; the others
// decide the language on their own.
type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptGreek
	scriptArmenian
	scriptHebrew
	scriptGeorgian
	scriptHangul
	scriptKana
	scriptHan
	scriptOther // letters of scripts we do not identify (Devanagari, Thai, ...)
	numScripts
)

// modelScripts is the number of scripts with n-gram models: scripts 1..modelScripts.
const modelScripts = 3

// scriptOf returns the script of letter r, or scriptNone when r is not a letter.
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return scriptLatin
		}
		return scriptNone
	case r < 0x250:
		if r == 0xD7 || r == 0xF7 || !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptLatin
	case r >= 0x400 && r <= 0x52F:
		if !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptCyrillic
	case r >= 0x600 && r <= 0x6FF, r >= 0x750 && r <= 0x77F, r >= 0x8A0 && r <= 0x8FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		if !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptArabic
	case r >= 0x370 && r <= 0x3FF, r >= 0x1F00 && r <= 0x1FFF:
		if !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptGreek
	case r >= 0x530 && r <= 0x58F:
		if !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptArmenian
	case r >= 0x590 && r <= 0x5FF:
		if !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptHebrew
	case r >= 0x10A0 && r <= 0x10FF, r >= 0x1C90 && r <= 0x1CBF, r >= 0x2D00 && r <= 0x2D2F:
		if !unicode.IsLetter(r) {
			return scriptNone
		}
		return scriptGeorgian
	case r >= 0xAC00 && r <= 0xD7AF, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F:
		return scriptHangul
	case r >= 0x3041 && r <= 0x309F, r >= 0x30A0 && r <= 0x30FF && r != 0x30FB, r >= 0x31F0 && r <= 0x31FF,
		r >= 0xFF66 && r <= 0xFF9D:
		return scriptKana
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0x20000 && r <= 0x3134F:
		return scriptHan
	case r >= 0x1E00 && r <= 0x1EFF:
		return scriptLatin
	}
	if unicode.IsLetter(r) {
		return scriptOther
	}
	return scriptNone
}

// fold lower-cases a letter and maps the variants that models and texts spell differently to
// one form: Romanian s and t with comma below become the cedilla forms lingua's corpus uses.
// Both the model n-grams and the input go through fold.
func fold(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	r = unicode.ToLower(r)
	switch r {
	case 'ș':
		return 'ş'
	case 'ț':
		return 'ţ'
	}
	return r
}
