// Package gen writes a deterministic synthetic corpus of posts and articles with planted
// ground truth, for testing and benchmarking the claim matcher, the echo detector and the
// coordination detector (`fimi gen`).
//
// The corpus covers six weeks (by default from 2024-05-01) of the debate over Ukraine using
// US-supplied weapons against targets in Russia near Kharkiv: false and misleading narratives
// pushed by pro-Kremlin outlets and accounts (US officers aim the strikes on Belgorod, NATO
// troops fight in Kharkiv, Western weapons go to the black market, Zelensky's mandate expired,
// Kharkiv welcomes the Russian army, US troops after the election, the US is now at war, and a
// few classic unrelated conspiracy theories), true reporting on the same events and debunks
// (near-misses for every detector), and ordinary chatter (sport, weather, prices, local news,
// tech, celebrities, cooking, opinion) from templates with varied facts. Text is written in 21
// languages (en ru uk de fr pl cs es it fully; sk bg sr ro hu lt lv et be pt ar zh with smaller
// pools); narrative sentences exist as genuine translations of each other. The content lives in
// data/*.txt (grammar in library.go); names of people, outlets and fact-checkers are fictional.
//
// Write is deterministic: the same Options give the same bytes (math/rand/v2 PCG streams seeded
// from Seed and the time slice; no map iteration, no wall clock). Byte identity is guaranteed on
// one GOARCH: Go may fuse floating-point operations differently on other architectures, which
// can in rare cases change a rounded decision. It streams in time order with
// memory bounded by the slice size (about 1,500 items), the planted items still pending (echo
// families spread over up to four days) and fixed-size windows of recent items.
//
// # Corpus (JSON Lines, one item per line, by published time)
//
//	id        native id, unique: "tw-000000123" (twitter), "tg-…" (telegram), "fb-…" (facebook),
//	          "web-…" (web articles); a per-platform counter in time order
//	platform  twitter | telegram | facebook | web
//	account   posting handle; for articles the author's byline handle
//	outlet    domain (articles only)
//	url       https://<outlet>/<section>/<yyyy>/<mm>/<dd>/<slug>-<n> (articles only)
//	title     headline (articles only)
//	text      articles: 80-400 words in paragraphs separated by "\n\n"; posts: up to 280
//	          characters on twitter (links shown as t.co short links) and 1,000 elsewhere, with
//	          @mentions, #hashtags, emoji and links
//	published RFC 3339 UTC, second precision, non-decreasing
//	lang      ISO 639-1 code, only on articles of outlets that declare it (detection is exercised
//	          everywhere else)
//	shares    id of an earlier item this post retweets, forwards or shares
//	reply_to  id of an earlier item this post replies to
//	urls      links as shared: www., mixed-case hosts, http, utm_*, fbclid, s=20 and #comments
//	          decorate the canonical URL (https, lower-case host without www., no tracking
//	          parameters or fragment)
//	hashtags  hashtags without '#', as written
//
// Empty fields are left out.
//
// # Truth (JSON Lines, one fact per line, "type" first)
//
//	{"type":"coord","network":"n001","account":"<handle>","kind":"co-link|co-share|co-text"}
//	    one line per member account of a coordinated network, before any item line
//	{"type":"lang","item":"<id>","lang":"uk"}
//	    the true language of every item, in corpus order
//	{"type":"echo","family":"e0001","item":"<id>","relation":"original|copy|rewording|translation","of":"<id of the original>","lang":"ru"}
//	    every member of an echo family (the original has of = its own id); a copy is the same
//	    text with small edits (prefix, emoji, truncation, line breaks, typo, different links and
//	    hashtags), a rewording has other words and sentence order (about 50-80% of the shorter
//	    text's words shared) and may swap a sentence, a translation is the message in another
//	    language. Posts of an article's family carry its lead. Co-text bursts are echo
//	    families too (original and copies).
//	{"type":"claim","item":"<id>","claim":"c001"}
//	    the item repeats the claim (paraphrased, in any language, possibly inside a longer text
//	    or in a headline); debunks and true reporting on the same topic never do
//	{"type":"burst","network":"n001","items":["<ids>"],"key":"<key>"}
//	    a coordinated burst, written after its last item: the members' items within minutes.
//	    key is the canonical URL (co-link), the shared item's id (co-share) or the hex SHA-256
//	    prefix of the original text (co-text)
//	{"type":"viral","items":["<ids>"],"key":"<canonical url>"}
//	    an organic viral moment: unrelated ordinary accounts posting the same breaking link
//	    within minutes, once. Not coordination; a detector that flags it is wrong
//
// Consumers must ignore types they do not know.
//
// # Claims (JSON Lines)
//
//	{"id":"c001","text":"…","title":"…","verdict":"false|misleading","languages":["en",…],
//	 "keywords":[…],"published":"RFC 3339","publisher":"FactLens","url":"https://…",
//	 "tags":["narrative:us-aim","disarm:T0022"]}
//
// text and title are in the claim's own language (English for most); languages lists every
// language the claim circulates in.
//
// # Coordination model
//
// Ordinary accounts are derived from their index by hashing (language, platform, stance,
// interests; no table). Their activity is heavy-tailed; the first 0.5% are very active and
// belong to no network. Ordinary shares and replies pick recent items with ages of hours, so
// shares of a popular item spread over hours; viral moments and chance bring some
// near-simultaneous coincidences. Network members (4-30 accounts, one audience language) post in
// 3-12 bursts over 3-20 days; in a burst, members follow each other by seconds to minutes (a
// burst stays within 8 minutes, usually far less) and most members take part; they also post a
// little ordinary filler. Handles carry a scrambled number, so members do not have neighbouring
// handles.
package gen
