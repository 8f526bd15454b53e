package importer

import (
	"strconv"
	"strings"
	"unicode"
)

// Normalised verdicts (fimi.Claim.Verdict). The publisher's own label stays in Claim.Rating.
const (
	VerdictFalse          = "false"
	VerdictMostlyFalse    = "mostly-false"
	VerdictMixed          = "mixed"
	VerdictMostlyTrue     = "mostly-true"
	VerdictTrue           = "true"
	VerdictMisleading     = "misleading"
	VerdictUnproven       = "unproven"
	VerdictSatire         = "satire"
	VerdictDisinformation = "disinformation"
)

// verdictPhrases maps rating phrases (lower-case words separated by single spaces) to verdicts.
// NormalizeVerdict tries them longest first, as whole words anywhere in the label, so that
// "mostly false" wins over "false" and "not true" over "true".
var verdictPhrases = map[string]string{
	// False.
	"false": VerdictFalse, "fake": VerdictFalse, "pants on fire": VerdictFalse, "pants fire": VerdictFalse, "pants-fire": VerdictFalse,
	"fabricated": VerdictFalse, "hoax": VerdictFalse, "bogus": VerdictFalse, "untrue": VerdictFalse,
	"not true": VerdictFalse, "incorrect": VerdictFalse, "wrong": VerdictFalse, "inaccurate": VerdictFalse,
	"four pinocchios": VerdictFalse, "scam": VerdictFalse, "debunked": VerdictFalse, "fiction": VerdictFalse,
	"falso": VerdictFalse, "falsa": VerdictFalse, "falsch": VerdictFalse, "faux": VerdictFalse, "fausse": VerdictFalse,
	"fałsz": VerdictFalse, "nepravda": VerdictFalse, "неправда": VerdictFalse, "фейк": VerdictFalse,
	"ложь": VerdictFalse, "брехня": VerdictFalse, "onwaar": VerdictFalse, "fals": VerdictFalse,
	"hamis": VerdictFalse, "vals": VerdictFalse, "fejk": VerdictFalse,
	// Mostly false.
	"mostly false": VerdictMostlyFalse, "barely true": VerdictMostlyFalse, "largely false": VerdictMostlyFalse,
	"mostly inaccurate": VerdictMostlyFalse, "three pinocchios": VerdictMostlyFalse, "mostly fake": VerdictMostlyFalse,
	"mostly-false": VerdictMostlyFalse, "barely-true": VerdictMostlyFalse,
	// Mixed.
	"half true": VerdictMixed, "half-true": VerdictMixed, "mixture": VerdictMixed, "mixed": VerdictMixed,
	"partly true": VerdictMixed, "partly false": VerdictMixed, "partially true": VerdictMixed,
	"partially false": VerdictMixed, "half right": VerdictMixed, "two pinocchios": VerdictMixed,
	"half truth": VerdictMixed, "true but": VerdictMixed, "medio verdadero": VerdictMixed,
	"teilweise falsch": VerdictMixed, "partiellement faux": VerdictMixed,
	// Mostly true.
	"mostly true": VerdictMostlyTrue, "largely true": VerdictMostlyTrue, "mostly correct": VerdictMostlyTrue,
	"mostly accurate": VerdictMostlyTrue, "one pinocchio": VerdictMostlyTrue, "mostly-true": VerdictMostlyTrue,
	// True.
	"true": VerdictTrue, "correct": VerdictTrue, "accurate": VerdictTrue, "verdadero": VerdictTrue,
	"richtig": VerdictTrue, "wahr": VerdictTrue, "vrai": VerdictTrue, "правда": VerdictTrue, "prawda": VerdictTrue,
	"geppetto checkmark": VerdictTrue,
	// Misleading.
	"misleading": VerdictMisleading, "missing context": VerdictMisleading, "out of context": VerdictMisleading,
	"lacks context": VerdictMisleading, "needs context": VerdictMisleading, "cherry picks": VerdictMisleading,
	"distorts the facts": VerdictMisleading, "spins the facts": VerdictMisleading, "exaggerated": VerdictMisleading,
	"exaggerates": VerdictMisleading, "manipulated": VerdictMisleading, "altered": VerdictMisleading,
	"miscaptioned": VerdictMisleading, "misattributed": VerdictMisleading, "distorted": VerdictMisleading,
	"engañoso": VerdictMisleading, "enganoso": VerdictMisleading, "irreführend": VerdictMisleading,
	"trompeur": VerdictMisleading, "manipulación": VerdictMisleading, "zavádějící": VerdictMisleading,
	"manipulacja": VerdictMisleading, "манипуляция": VerdictMisleading, "маніпуляція": VerdictMisleading,
	"fuorviante": VerdictMisleading,
	// Unproven.
	"unproven": VerdictUnproven, "unverified": VerdictUnproven, "unsupported": VerdictUnproven,
	"no evidence": VerdictUnproven, "unsubstantiated": VerdictUnproven, "research in progress": VerdictUnproven,
	"cannot be verified": VerdictUnproven, "can t be verified": VerdictUnproven, "unverifiable": VerdictUnproven,
	"not proven": VerdictUnproven, "sin evidencia": VerdictUnproven, "neověřitelné": VerdictUnproven,
	// Satire.
	"satire": VerdictSatire, "labeled satire": VerdictSatire, "parody": VerdictSatire, "satirical": VerdictSatire,
	// Disinformation.
	"disinformation": VerdictDisinformation, "propaganda": VerdictDisinformation, "dezinformace": VerdictDisinformation,
	"дезинформация": VerdictDisinformation, "дезінформація": VerdictDisinformation,
}

// verdictOrder lists the phrases of verdictPhrases longest first (most words, then bytes).
var verdictOrder = func() []string {
	out := make([]string, 0, len(verdictPhrases))
	for p := range verdictPhrases {
		out = append(out, p)
	}
	less := func(a, b string) bool {
		wa, wb := strings.Count(a, " "), strings.Count(b, " ")
		if wa != wb {
			return wa > wb
		}
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	}
	for i := 1; i < len(out); i++ { // insertion sort: small table, built once
		for j := i; j > 0 && less(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// NormalizeVerdict maps a publisher's rating label ("Pants on Fire!", "Mostly False",
// "Missing context", "Faux", "Неправда") to one of the Verdict constants, or "" when the label
// says nothing it recognises. Matching ignores case and punctuation and takes the longest known
// phrase found as whole words.
func NormalizeVerdict(label string) string {
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	if len(words) == 0 {
		return ""
	}
	norm := " " + strings.Join(words, " ") + " "
	if v, ok := verdictPhrases[strings.TrimSpace(norm)]; ok {
		return v
	}
	for _, p := range verdictOrder {
		if strings.Contains(norm, " "+p+" ") {
			return verdictPhrases[p]
		}
	}
	return ""
}

// scaleVerdict maps a numeric rating to a verdict by its position between worst and best:
// the lowest fifth is false, then mostly-false, mixed, mostly-true, true. Missing bounds are
// schema.org's defaults (worst 1, best 5). It returns "" when the numbers do not make sense.
func scaleVerdict(value, best, worst string) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil {
		return ""
	}
	b, w := 5.0, 1.0
	if x, err := strconv.ParseFloat(strings.TrimSpace(best), 64); err == nil {
		b = x
	}
	if x, err := strconv.ParseFloat(strings.TrimSpace(worst), 64); err == nil {
		w = x
	}
	if b <= w || v < w || v > b {
		return ""
	}
	switch p := (v - w) / (b - w); {
	case p < 0.2:
		return VerdictFalse
	case p < 0.4:
		return VerdictMostlyFalse
	case p < 0.6:
		return VerdictMixed
	case p < 0.8:
		return VerdictMostlyTrue
	default:
		return VerdictTrue
	}
}
