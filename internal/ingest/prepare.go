package ingest

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/text"
)

// DefaultMaxText is the largest text (title plus body, in bytes) an item may carry.
const DefaultMaxText = 1 << 20

// ErrEmpty rejects records that carry nothing to analyse.
var ErrEmpty = errors.New("empty record: no text, title, links or shared item")

// LangDetector identifies the language of a text; package text/lang provides one.
type LangDetector interface {
	Detect(text string) (code string, confidence float64)
}

// Prepare completes a decoded draft item in place: it validates UTF-8 and sizes, normalises
// text (NFKC, whitespace), canonicalises URLs, derives the outlet, extracts links, hashtags and
// mentions from the text, detects the language when none is given, and computes the content
// hash and the item id. The returned error says why the record must be rejected. noText is
// Record.NoText.
func Prepare(it *fimi.Item, noText bool, maxText int, det LangDetector) error {
	if maxText <= 0 {
		maxText = DefaultMaxText
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{FieldText, &it.Text}, {FieldTitle, &it.Title}, {FieldAccount, &it.Account}, {FieldAuthor, &it.Author}, {FieldID, &it.NativeID}, {FieldURL, &it.URL}} {
		if !utf8.ValidString(*f.v) {
			return &FieldError{Field: f.name, Err: errors.New("invalid UTF-8")}
		}
	}
	if n := len(it.Text) + len(it.Title); n > maxText {
		return &FieldError{Field: FieldText, Err: fmt.Errorf("text of %d bytes exceeds the cap of %d bytes", n, maxText)}
	}
	it.Text = text.Normalize(it.Text)
	it.Title = text.Normalize(it.Title)
	it.Account = strings.TrimSpace(text.Normalize(it.Account))
	it.Author = text.Normalize(it.Author)
	it.NativeID = strings.TrimSpace(it.NativeID)
	it.Platform = strings.ToLower(strings.TrimSpace(it.Platform))
	if len(it.NativeID) > 512 || len(it.Account) > 512 {
		return &FieldError{Field: FieldID, Err: errors.New("id or account longer than 512 bytes")}
	}
	if it.URL != "" {
		u, err := text.CanonicalURL(it.URL)
		if err != nil {
			return &FieldError{Field: FieldURL, Value: text.Shorten(it.URL, 80), Err: err}
		}
		it.URL = u
	}
	it.Outlet = outlet(it.Outlet, it.URL, it.Platform)
	it.URLs = cleanURLs(it.URLs, text.ExtractURLs(it.Text), it.URL)
	it.Hashtags = cleanTags(it.Hashtags, text.ExtractHashtags(it.Text), '#')
	it.Mentions = cleanTags(it.Mentions, text.ExtractMentions(it.Text), '@')
	it.Lang = LangCode(it.Lang)
	if it.Text == "" && it.Title == "" && len(it.URLs) == 0 && it.SharesID == "" && !(noText && it.NativeID != "") {
		return ErrEmpty
	}
	if it.Lang == "" && det != nil {
		sample := it.Text
		if it.Title != "" {
			sample = it.Title + "\n" + it.Text
		}
		it.Lang, _ = det.Detect(sample)
	}
	body := it.Text
	if body == "" {
		body = it.Title
	}
	if body != "" {
		it.Hash = fimi.ContentHash(text.Fold(body))
	}
	it.ID = fimi.ItemID(it.Platform, it.NativeID, it.URL)
	if it.ID == "" {
		it.ID = fimi.FallbackItemID(it.Platform, it.Account, it.Published, it.Hash+"\x00"+strings.Join(it.URLs, " ")+"\x00"+it.SharesID)
	}
	return nil
}

// outlet returns the outlet domain: the given value (a domain or URL), else the domain of the
// item's own URL for web items.
func outlet(given, u, platform string) string {
	given = strings.TrimSpace(given)
	if given != "" {
		if strings.Contains(given, "://") {
			if c, err := text.CanonicalURL(given); err == nil {
				return text.Domain(c)
			}
		}
		return strings.TrimPrefix(strings.ToLower(strings.TrimSuffix(given, ".")), "www.")
	}
	if u != "" && (platform == fimi.PlatformWeb || platform == "") {
		return text.Domain(u)
	}
	return ""
}

// cleanURLs canonicalises and de-duplicates given and extracted links, dropping the item's own
// URL. Given values that are not URLs (anonymised link ids in research data) are kept as they are.
func cleanURLs(given, found []string, self string) []string {
	var out []string
	add := func(s string, keepOpaque bool) {
		s = strings.TrimSpace(s)
		if s == "" || len(out) >= text.MaxExtracted {
			return
		}
		if c, err := text.CanonicalURL(s); err == nil {
			s = c
		} else if !keepOpaque || len(s) > 2048 || !utf8.ValidString(s) {
			return
		}
		if s == self {
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, s := range given {
		add(s, true)
	}
	for _, s := range found {
		add(s, false)
	}
	return out
}

func cleanTags(given, found []string, mark byte) []string {
	var out []string
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(text.Normalize(s)))
		s = strings.TrimLeft(s, string(mark))
		if s == "" || len(s) > 200 || len(out) >= text.MaxExtracted {
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, s := range given {
		add(s)
	}
	for _, s := range found {
		add(s)
	}
	return out
}

// LangCode reduces a language tag ("en-US", "EN", "ukr") to lower-case ISO 639-1 where known.
func LangCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if c, ok := iso6392[s]; ok {
		return c
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

var iso6392 = map[string]string{
	"eng": "en", "rus": "ru", "ukr": "uk", "bel": "be", "pol": "pl", "ces": "cs", "cze": "cs", "slk": "sk",
	"slo": "sk", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt",
	"ron": "ro", "rum": "ro", "bul": "bg", "srp": "sr", "hun": "hu", "lit": "lt", "lav": "lv", "est": "et",
	"ara": "ar", "zho": "zh", "chi": "zh", "hrv": "hr", "bos": "bs", "mkd": "mk", "mac": "mk", "kat": "ka",
	"geo": "ka", "hye": "hy", "arm": "hy", "tur": "tr", "jpn": "ja", "kor": "ko", "nld": "nl", "dut": "nl",
	"swe": "sv", "fin": "fi", "dan": "da", "nor": "no", "ell": "el", "gre": "el", "heb": "he", "slv": "sl",
	"aze": "az", "kaz": "kk", "uzb": "uz", "fas": "fa", "per": "fa",
}
