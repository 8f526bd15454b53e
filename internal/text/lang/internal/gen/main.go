// Command gen builds model.bin.gz, the compact character n-gram model embedded by package lang,
// from the language models shipped with lingua-go v1.4.0 (Apache-2.0, © Peter M. Stahl).
//
// It reads language-models/<iso>/{unigrams,bigrams,trigrams,quadrigrams}.pb.bin.zip from the
// module cache (located with `go env GOMODCACHE`, or -lingua DIR), keeps the letters of each
// language's script, keeps for every language the most frequent n-grams of each order (ranked by
// their joint probability), derives a Latin-script Serbian model by transliterating the Cyrillic
// one, quantises the log-probabilities to one byte and writes them, front-coded and gzip
// compressed, to -o. lingua's fivegram models are not used.
//
// Regenerate from internal/text/lang with:
//
//	go generate ./internal/text/lang   (runs: go run ./internal/gen -o model.bin.gz)
//
// The lingua-go module must be in the module cache; fetch it once with
// `go mod download github.com/pemistahl/lingua-go@v1.4.0` if it is not. The main module does
// not import lingua-go: the model files are zip files of protocol buffers decoded here by hand.
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scripts as numbered in the model file; they must match package lang.
const (
	scriptLatin    = 1
	scriptCyrillic = 2
	scriptArabic   = 3
)

// spec names one language of the model: its ISO 639-1 code as reported by package lang, the
// lingua directory it is built from and the script of its n-grams.
type spec struct {
	code   string
	dir    string
	script byte
}

var specs = []spec{
	// Latin script.
	{"en", "en", scriptLatin}, {"de", "de", scriptLatin}, {"fr", "fr", scriptLatin},
	{"es", "es", scriptLatin}, {"it", "it", scriptLatin}, {"pt", "pt", scriptLatin},
	{"ro", "ro", scriptLatin}, {"pl", "pl", scriptLatin}, {"cs", "cs", scriptLatin},
	{"sk", "sk", scriptLatin}, {"hu", "hu", scriptLatin}, {"lt", "lt", scriptLatin},
	{"lv", "lv", scriptLatin}, {"et", "et", scriptLatin}, {"nl", "nl", scriptLatin},
	{"sv", "sv", scriptLatin}, {"hr", "hr", scriptLatin}, {"bs", "bs", scriptLatin},
	{"sl", "sl", scriptLatin}, {"sr", "sr", scriptLatin}, // transliterated from Cyrillic
	{"tr", "tr", scriptLatin}, {"fi", "fi", scriptLatin}, {"da", "da", scriptLatin},
	{"no", "nb", scriptLatin}, {"az", "az", scriptLatin}, {"sq", "sq", scriptLatin},
	{"ca", "ca", scriptLatin},
	// Cyrillic script.
	{"ru", "ru", scriptCyrillic}, {"uk", "uk", scriptCyrillic}, {"be", "be", scriptCyrillic},
	{"bg", "bg", scriptCyrillic}, {"sr", "sr", scriptCyrillic}, {"mk", "mk", scriptCyrillic},
	{"kk", "kk", scriptCyrillic},
	// Arabic script.
	{"ar", "ar", scriptArabic}, {"fa", "fa", scriptArabic},
}

var orderNames = [...]string{1: "unigrams", 2: "bigrams", 3: "trigrams", 4: "quadrigrams"}

const maxOrder = 4

func main() {
	lingua := flag.String("lingua", "", "lingua-go language-models directory (default: from go env GOMODCACHE)")
	out := flag.String("o", "model.bin.gz", "output file")
	keep3 := flag.Int("keep3", 6000, "trigrams kept per language")
	keep4 := flag.Int("keep4", 8000, "quadrigrams kept per language")
	keep2 := flag.Int("keep2", 3000, "bigrams kept per language")
	flag.Parse()
	if err := run(*lingua, *out, [maxOrder + 1]int{1: 1 << 20, 2: *keep2, 3: *keep3, 4: *keep4}); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir, out string, keep [maxOrder + 1]int) error {
	if dir == "" {
		cache, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return fmt.Errorf("go env GOMODCACHE: %w", err)
		}
		dir = filepath.Join(strings.TrimSpace(string(cache)), "github.com", "pemistahl", "lingua-go@v1.4.0", "language-models")
	}
	models := make([][maxOrder + 1]map[string]float64, len(specs)) // joint probabilities
	for i, s := range specs {
		var joint [maxOrder + 1]map[string]float64
		var err error
		if s.code == "sr" && s.script == scriptLatin {
			joint, err = loadJoint(dir, "sr", scriptCyrillic)
			if err == nil {
				joint = transliterate(joint)
			}
		} else {
			joint, err = loadJoint(dir, s.dir, s.script)
		}
		if err != nil {
			return err
		}
		models[i] = joint
	}
	var buf bytes.Buffer
	buf.WriteString("FLNG")
	buf.WriteByte(1) // version
	putUvarint(&buf, uint64(len(specs)))
	for _, s := range specs {
		putString(&buf, s.code)
		buf.WriteByte(s.script)
	}
	total := 0
	for n := 1; n <= maxOrder; n++ {
		type posting struct{ lang, q byte }
		table := map[string][]posting{}
		floors := make([]float32, len(specs))
		for li := range specs {
			cond := conditional(models[li], n)
			kept := top(models[li][n], keep[n])
			// The floor hint is the mean log conditional probability of the n-grams dropped
			// here, weighted by their joint probability (an estimate of what a missing n-gram
			// is worth), or the smallest kept one when nothing was dropped.
			var dropMass, dropLog float64
			minKept := 0.0
			keptSet := make(map[string]bool, len(kept))
			for _, g := range kept {
				keptSet[g] = true
				minKept = math.Min(minKept, math.Log(cond[g]))
			}
			for _, g := range sortedKeys(models[li][n]) {
				if p := models[li][n][g]; !keptSet[g] {
					dropMass += p
					dropLog += p * math.Log(cond[g])
				}
			}
			floors[li] = float32(minKept)
			if dropMass > 0 {
				floors[li] = float32(dropLog / dropMass)
			}
			for _, g := range kept {
				table[g] = append(table[g], posting{byte(li), quantise(cond[g])})
			}
		}
		keys := make([]string, 0, len(table))
		for g := range table {
			keys = append(keys, g)
		}
		sort.Strings(keys)
		binary.Write(&buf, binary.LittleEndian, floors)
		putUvarint(&buf, uint64(len(keys)))
		prev := ""
		for _, g := range keys {
			shared := commonPrefix(prev, g)
			putUvarint(&buf, uint64(shared))
			putString(&buf, g[shared:])
			ps := table[g]
			putUvarint(&buf, uint64(len(ps)))
			for _, p := range ps {
				buf.WriteByte(p.lang)
				buf.WriteByte(p.q)
			}
			prev = g
			total += len(ps)
		}
		fmt.Fprintf(os.Stderr, "order %d: %d n-grams\n", n, len(keys))
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(buf.Bytes())
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d postings, %d bytes raw, %d bytes compressed\n", total, buf.Len(), gz.Len())
	return os.WriteFile(out, gz.Bytes(), 0o644)
}

// quantise maps a probability to round(-16·ln p), clamped to a byte.
func quantise(p float64) byte {
	q := math.Round(-16 * math.Log(p))
	return byte(max(0, min(255, q)))
}

// conditional returns P(last rune | preceding runes) for the n-grams of order n of a joint model.
func conditional(joint [maxOrder + 1]map[string]float64, n int) map[string]float64 {
	cond := make(map[string]float64, len(joint[n]))
	for g, p := range joint[n] {
		if n == 1 {
			cond[g] = p
			continue
		}
		_, size := utf8.DecodeLastRuneInString(g)
		prefix := joint[n-1][g[:len(g)-size]]
		if prefix <= 0 {
			continue
		}
		cond[g] = min(1, p/prefix)
	}
	return cond
}

// top returns the k n-grams of highest probability, ties broken by the n-gram.
func top(m map[string]float64, k int) []string {
	keys := make([]string, 0, len(m))
	for g := range m {
		keys = append(keys, g)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			if m[a] > m[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	if len(keys) > k {
		keys = keys[:k]
	}
	return keys
}

// loadJoint reads orders 1..4 of one lingua language and returns joint probabilities, chaining
// lingua's conditional ones: P(abc) = P(a)·P(b|a)·P(c|ab). N-grams holding a rune outside the
// language's script are dropped and each order is renormalised.
func loadJoint(dir, iso string, script byte) ([maxOrder + 1]map[string]float64, error) {
	var joint [maxOrder + 1]map[string]float64
	for n := 1; n <= maxOrder; n++ {
		path := filepath.Join(dir, iso, orderNames[n]+".pb.bin.zip")
		cond, err := readModel(path)
		if err != nil {
			return joint, err
		}
		joint[n] = make(map[string]float64, len(cond))
		for g, p := range cond {
			if !inScript(g, script) || utf8.RuneCountInString(g) != n {
				continue
			}
			if n > 1 {
				_, size := utf8.DecodeLastRuneInString(g)
				pp, ok := joint[n-1][g[:len(g)-size]]
				if !ok {
					continue
				}
				p *= pp
			}
			joint[n][g] = p
		}
		normalise(joint[n])
	}
	return joint, nil
}

// normalise scales m to sum to 1, summing in key order so that the output is reproducible.
func normalise(m map[string]float64) {
	sum := 0.0
	for _, g := range sortedKeys(m) {
		sum += m[g]
	}
	for g, p := range m {
		m[g] = p / sum
	}
}

func inScript(g string, script byte) bool {
	for _, r := range g {
		switch {
		case r >= 0xFB00 && r <= 0xFEFF, r >= 0xFF00: // ligatures, presentation and full-width forms
			return false
		case script == scriptLatin && !unicode.Is(unicode.Latin, r),
			script == scriptCyrillic && !unicode.Is(unicode.Cyrillic, r),
			script == scriptArabic && !unicode.Is(unicode.Arabic, r):
			return false
		case !unicode.IsLetter(r):
			return false
		}
	}
	return true
}

// serbianLatin maps Serbian Cyrillic to Gaj's Latin alphabet; runes outside it (letters of other
// Cyrillic languages found in lingua's corpus) drop the n-gram.
var serbianLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z",
	'и': "i", 'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c",
	'ч': "č", 'џ': "dž", 'ш': "š",
}

// transliterate turns joint Serbian Cyrillic n-gram probabilities into Latin ones. A Latin
// n-gram starting at the transliteration of a Cyrillic letter is the first n runes of the
// transliterated Cyrillic n-gram starting there; one starting inside a digraph (the j of lj)
// is the transliteration without its first rune.
func transliterate(cyr [maxOrder + 1]map[string]float64) [maxOrder + 1]map[string]float64 {
	var lat [maxOrder + 1]map[string]float64
	for n := 1; n <= maxOrder; n++ {
		lat[n] = map[string]float64{}
		for _, g := range sortedKeys(cyr[n]) {
			p := cyr[n][g]
			var b strings.Builder
			ok := true
			for _, r := range g {
				t, found := serbianLatin[r]
				if !found {
					ok = false
					break
				}
				b.WriteString(t)
			}
			if !ok {
				continue
			}
			runes := []rune(b.String())
			lat[n][string(runes[:n])] += p
			if len(runes) > n && isDigraph(g) {
				lat[n][string(runes[1:n+1])] += p
			}
		}
		normalise(lat[n])
	}
	return lat
}

func isDigraph(g string) bool {
	r, _ := utf8.DecodeRuneInString(g)
	return r == 'љ' || r == 'њ' || r == 'џ'
}

// readModel decodes one lingua model file: a zip holding a SerializableLanguageModel protocol
// buffer (field 4: repeated SerializableNgramSet{1: double probability, 2: repeated string}).
func readModel(path string) (map[string]float64, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	if len(zr.File) != 1 {
		return nil, fmt.Errorf("%s: want one file in zip, have %d", path, len(zr.File))
	}
	f, err := zr.File[0].Open()
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	m := map[string]float64{}
	err = fields(data, func(num int, wire int, v []byte, _ uint64) error {
		if num != 4 || wire != 2 {
			return nil
		}
		var prob float64
		var grams []string
		err := fields(v, func(num int, wire int, v []byte, x uint64) error {
			switch {
			case num == 1 && wire == 1:
				prob = math.Float64frombits(x)
			case num == 2 && wire == 2:
				grams = append(grams, string(v))
			}
			return nil
		})
		for _, g := range grams {
			m[g] = prob
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

var errProto = errors.New("malformed protocol buffer")

// fields walks the fields of one protocol buffer message. For wire type 2 fn gets the bytes,
// for types 0, 1 and 5 the value.
func fields(b []byte, fn func(num, wire int, v []byte, x uint64) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errProto
		}
		b = b[n:]
		num, wire := int(key>>3), int(key&7)
		var v []byte
		var x uint64
		switch wire {
		case 0:
			x, n = binary.Uvarint(b)
			if n <= 0 {
				return errProto
			}
			b = b[n:]
		case 1:
			if len(b) < 8 {
				return errProto
			}
			x, b = binary.LittleEndian.Uint64(b), b[8:]
		case 5:
			if len(b) < 4 {
				return errProto
			}
			x, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return errProto
			}
			v, b = b[n:n+int(l)], b[n+int(l):]
		default:
			return errProto
		}
		if err := fn(num, wire, v, x); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for g := range m {
		keys = append(keys, g)
	}
	sort.Strings(keys)
	return keys
}

func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func putUvarint(b *bytes.Buffer, x uint64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], x)])
}

func putString(b *bytes.Buffer, s string) {
	putUvarint(b, uint64(len(s)))
	b.WriteString(s)
}
