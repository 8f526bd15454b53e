package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

func unix(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

func tgID(native string) string { return fimi.ItemID(fimi.PlatformTelegram, native, "") }

// checkItems compares records with want (keyed by message id) on every Item field but Raw, and
// checks that each record's Line opens its message and that Raw holds the message verbatim.
func checkItems(t *testing.T, data []byte, recs []ingest.Record, want map[string]fimi.Item) {
	t.Helper()
	seen := map[string]bool{}
	for _, rec := range recs {
		id := nativeID(rec)
		w, ok := want[id]
		if !ok {
			continue
		}
		seen[id] = true
		t.Run(id, func(t *testing.T) {
			if rec.Err != nil {
				t.Fatalf("Err = %v", rec.Err)
			}
			if rec.Verbatim != nil {
				t.Errorf("Verbatim set on an accepted record")
			}
			got := rec.Item
			p := splitRaw(t, got.Raw)
			got.Raw = nil
			if !reflect.DeepEqual(got, w) {
				t.Errorf("item mismatch\n got %#v\nwant %#v", got, w)
			}
			var mid int
			json.Unmarshal(p.Message, &struct{ ID *int }{&mid})
			if line := msgLine(t, data, mid); rec.Line != line {
				t.Errorf("Line = %d, want %d", rec.Line, line)
			}
			// Telegram's "\xNN" escapes are read as "\u00NN".
			fixed := bytes.ReplaceAll(data, []byte(`\x`), []byte(`\u00`))
			if !bytes.Contains(fixed, p.Message) || p.Message[0] != '{' {
				t.Errorf("Raw message is not verbatim:\n%s", p.Message)
			}
		})
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("message %s not decoded", id)
		}
	}
}

func TestDecodeChannel(t *testing.T) {
	data := readFixture(t, "channel.json")
	const (
		ch   = "Военный обозреватель"
		chID = "1623456789"
	)
	base := func(id string, published int64) fimi.Item {
		return fimi.Item{Platform: "telegram", NativeID: chID + "/" + id, Account: ch, Published: unix(published)}
	}
	want := map[string]fimi.Item{}
	add := func(id string, it fimi.Item) { want[id] = it }

	it := base("2095", 1678774364)
	it.Text = "Минобороны РФ: за сутки уничтожено до 240 военнослужащих ВСУ на Донецком направлении. Киевский режим продолжает скрывать реальные потери от собственного населения."
	it.Views = 15230
	add("2095", it)

	it = base("2096", 1678777503)
	it.Text = "⚡️Срочно\n\nЗападные СМИ признают: «контрнаступление ВСУ провалилось». Подробности — https://ria.ru/20230314/ukraina-1857.html и в нашем разборе.\n\n#СВО #Донбасс\nПодписывайтесь: @VoenObozrevatel"
	it.URLs = []string{"https://ria.ru/20230314/ukraina-1857.html", "https://telegra.ph/Razbor-03-14"}
	it.Hashtags = []string{"сво", "донбасс"}
	it.Mentions = []string{"voenobozrevatel"}
	it.Views = 48211
	add("2096", it)

	it = base("2097", 1678783640)
	it.Text = "Колонна техники НАТО замечена под Купянском. Переброска продолжается."
	it.Views = 9120
	add("2097", it)

	it = base("2098", 1678784469)
	it.Text = "Дополнение к утреннему посту: источник — t.me/svodki_peredovoy"
	it.URLs = []string{"http://t.me/svodki_peredovoy"}
	it.ReplyToID = tgID(chID + "/2096")
	it.Views = 7311
	add("2098", it)

	it = base("2099", 1678786200)
	it.Text = "Последствия обстрела Донецка. #ДНР"
	it.Hashtags = []string{"днр"}
	it.Views = 22504
	add("2099", it)

	it = base("2101", 1678792735)
	it.Author = "Олена К."
	it.Text = "Українці, влада відправляє ваших синів на смерть заради інтересів Заходу. Вимагайте переговорів! #Україна #мир"
	it.Hashtags = []string{"україна", "мир"}
	it.Views = 3020
	add("2101", it)

	it = base("2102", 1678798951)
	it.Views = 11800
	add("2102", it)

	recs, d, err := decodeAll(t, data, ingest.Options{Name: "channel.json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 7 || d.Skipped() != 1 {
		t.Fatalf("got %d records, %d skipped; want 7 and 1 (the pin)", len(recs), d.Skipped())
	}
	checkItems(t, data, recs, want)

	raws := map[string]rawParts{}
	for _, rec := range recs {
		raws[nativeID(rec)] = splitRaw(t, rec.Item.Raw)
	}
	wantChat := map[string]any{"id": 1623456789.0, "name": ch, "type": "public_channel"}
	if got := raws["2095"].Chat; !reflect.DeepEqual(got, wantChat) {
		t.Errorf("Raw chat = %v, want %v", got, wantChat)
	}
	if got, want := raws["2097"].Forward, map[string]any{"from": "Сводки с передовой", "from_id": "channel1387654321", "chat_id": "1387654321"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Raw forward = %v, want %v", got, want)
	}
	if got, want := raws["2099"].Media, map[string]any{"type": "photo", "file": "photos/photo_12@14-03-2023_12-30-00.jpg"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Raw media (photo) = %v, want %v", got, want)
	}
	if got, want := raws["2102"].Media, map[string]any{"type": "video_file", "file": "video_files/IMG_4471.MP4", "file_name": "IMG_4471.MP4", "mime_type": "video/mp4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Raw media (video) = %v, want %v", got, want)
	}
	if !bytes.Contains(raws["2096"].Message, []byte(`"edited_unixtime": "1678779612"`)) {
		t.Errorf("Raw of the edited message lacks edited_unixtime")
	}
	if raws["2095"].Forward != nil || raws["2095"].Media != nil {
		t.Errorf("Raw of a plain post has forward or media")
	}
}

func TestDecodeChannelUsername(t *testing.T) {
	data := readFixture(t, "channel.json")
	for _, base := range []string{"https://t.me/voenobozrevatel", "https://t.me/s/voenobozrevatel/", "http://telegram.me/voenobozrevatel"} {
		recs, _, err := decodeAll(t, data, ingest.Options{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			id := nativeID(rec)
			if want := "https://t.me/voenobozrevatel/" + id; rec.Item.URL != want {
				t.Errorf("%s: URL = %q, want %q", base, rec.Item.URL, want)
			}
			if rec.Item.Account != "voenobozrevatel" {
				t.Errorf("%s: Account = %q", base, rec.Item.Account)
			}
			wantAuthor := "Военный обозреватель"
			if id == "2101" {
				wantAuthor = "Олена К."
			}
			if rec.Item.Author != wantAuthor {
				t.Errorf("%s: Author = %q, want %q", base, rec.Item.Author, wantAuthor)
			}
		}
	}
	for _, base := range []string{"", "https://example.com/voenobozrevatel", "https://t.me/+AbCdEf", "https://t.me/voen/12", "https://t.me/joinchat/AbC"} {
		recs, _, err := decodeAll(t, data, ingest.Options{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		if recs[0].Item.URL != "" || recs[0].Item.Account != "Военный обозреватель" {
			t.Errorf("BaseURL %q: URL %q, Account %q; want no URL and the channel name", base, recs[0].Item.URL, recs[0].Item.Account)
		}
	}
}

func TestDecodeAccount(t *testing.T) {
	data := readFixture(t, "account.json")
	const group = "1798765432"
	want := map[string]fimi.Item{
		"40212": {
			Platform: "telegram", NativeID: group + "/40212", Account: "user5011111111", Author: "Андрій Бондар",
			Published: unix(1678860190), Text: "Хтось бачив відео з Купянська? Кажуть, там колона НАТО.",
		},
		"40213": {
			Platform: "telegram", NativeID: group + "/40213", Account: "user5022222222", Author: "Ольга Мельник",
			Published: unix(1678860245),
			Text:      "Андрій, це фейк. Відео 2019 року, перевірка: https://www.stopfake.org/uk/fejk-kolona-nato-kupyansk/",
			URLs:      []string{"https://www.stopfake.org/uk/fejk-kolona-nato-kupyansk/"},
			Mentions:  []string{"user5011111111"},
			ReplyToID: tgID(group + "/40212"),
		},
		"40214": {
			Platform: "telegram", NativeID: group + "/40214", Account: "user5033333333", Author: "Zоркий Глаз",
			Published: unix(1678860600), Text: "Колонна техники НАТО замечена под Купянском. Переброска продолжается.",
		},
		"40215": {
			Platform: "telegram", NativeID: group + "/40215", Account: "channel1798765432", Author: "адмін",
			Published: unix(1678860660), Text: "Нагадуємо:\vпоширення неперевірених відео — бан.",
		},
		"188": {
			Platform: "telegram", NativeID: "5011111111/188", Account: "user5011111111", Author: "Андрій Бондар",
			Published: unix(1678864530),
		},
		"189": {
			Platform: "telegram", NativeID: "5011111111/189", Account: "user5123456789", Author: "Марина Коваль",
			Published: unix(1678864800), Text: "Дякую! Додам у добірку фейків тижня.",
		},
		"5512": {
			Platform: "telegram", NativeID: "1387654321/5512", Account: "Сводки с передовой",
			Published: unix(1678783260), Text: "Колонна техники НАТО замечена под Купянском. Переброска продолжается.",
		},
	}
	recs, d, err := decodeAll(t, data, ingest.Options{Name: "account.json", BaseURL: "https://t.me/ignored_for_account_exports"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(want) || d.Skipped() != 1 {
		t.Fatalf("got %d records, %d skipped; want %d and 1", len(recs), d.Skipped(), len(want))
	}
	checkItems(t, data, recs, want)
	for _, rec := range recs {
		p := splitRaw(t, rec.Item.Raw)
		switch nativeID(rec) {
		case "40214":
			if want := map[string]any{"from": "Военный обозреватель", "from_id": "channel1623456789", "chat_id": "1623456789"}; !reflect.DeepEqual(p.Forward, want) {
				t.Errorf("forward = %v, want %v", p.Forward, want)
			}
			if want := map[string]any{"id": 1798765432.0, "name": "Донбас Інфо — обговорення", "type": "private_supergroup"}; !reflect.DeepEqual(p.Chat, want) {
				t.Errorf("chat = %v, want %v", p.Chat, want)
			}
		case "188":
			if p.Media["type"] != "sticker" {
				t.Errorf("media = %v, want a sticker", p.Media)
			}
		case "5512":
			if p.Chat["type"] != "public_channel" {
				t.Errorf("chat = %v", p.Chat)
			}
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	data := readFixture(t, "bad_date.json")
	recs, _, err := decodeAll(t, data, ingest.Options{Name: "bad_date.json"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id        int
		field     string // "" for an accepted record
		published time.Time
	}{
		{301, "", unix(1678988700)},
		{302, "date_unixtime", time.Time{}},
		{303, "date", time.Time{}},
		{304, "views", time.Time{}},
		{305, "", time.Date(2023, 3, 16, 20, 5, 0, 0, time.UTC)},
		{306, "text", time.Time{}},
	}
	if len(recs) != len(tests) {
		t.Fatalf("got %d records, want %d", len(recs), len(tests))
	}
	for i, tt := range tests {
		rec := recs[i]
		if got := fieldOf(rec.Err); got != tt.field {
			t.Errorf("message %d: field error %q (%v), want %q", tt.id, got, rec.Err, tt.field)
		}
		if line := msgLine(t, data, tt.id); rec.Line != line {
			t.Errorf("message %d: Line = %d, want %d", tt.id, rec.Line, line)
		}
		if tt.field == "" {
			if !rec.Item.Published.Equal(tt.published) || rec.Item.Published.Location() != time.UTC {
				t.Errorf("message %d: Published = %v, want %v", tt.id, rec.Item.Published, tt.published)
			}
			continue
		}
		if !bytes.HasPrefix(rec.Verbatim, []byte("{\n   \"id\": ")) || !bytes.Contains(data, rec.Verbatim) || rec.Verbatim[len(rec.Verbatim)-1] != '}' {
			t.Errorf("message %d: Verbatim is not the message as read:\n%s", tt.id, rec.Verbatim)
		}
		if rec.Item.Platform != "telegram" {
			t.Errorf("message %d: Platform = %q", tt.id, rec.Item.Platform)
		}
	}
	var fe *ingest.FieldError
	if errors.As(recs[1].Err, &fe); fe == nil || fe.Value != `"16789888З2"` {
		t.Errorf("date_unixtime error value = %+v", fe)
	}
}

func TestDecodeTruncated(t *testing.T) {
	data := readFixture(t, "truncated.json")
	recs, d, err := decodeAll(t, data, ingest.Options{Name: "testdata/truncated.json"})
	if len(recs) != 1 || nativeID(recs[0]) != "2095" || recs[0].Err != nil {
		t.Fatalf("records before the cut: %+v", recs)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want a *ParseError wrapping io.ErrUnexpectedEOF", err)
	}
	lastLine := bytes.Count(data, []byte("\n")) + 1
	if pe.File != "testdata/truncated.json" || pe.Line != lastLine {
		t.Errorf("error at %s:%d, want testdata/truncated.json:%d", pe.File, pe.Line, lastLine)
	}
	if !strings.Contains(err.Error(), "testdata/truncated.json:114") {
		t.Errorf("message %q does not name file and line", err)
	}
	if _, again := d.Next(); again != err {
		t.Errorf("error not sticky: %v", again)
	}
}

func TestDecodeFatal(t *testing.T) {
	tests := []struct {
		name  string
		input string
		line  int
		is    error // errors.Is target; nil: a *json.SyntaxError
		recs  int
	}{
		{"empty", "", 1, io.ErrUnexpectedEOF, 0},
		{"array", "[\n {\"id\": 1}\n]", 1, ErrNotExport, 0},
		{"other object", "{\n \"posts\": [\n  {\"id\": 1}\n ]\n}\n", 5, ErrNotExport, 0},
		{"BOM then array", "\xef\xbb\xbf[]", 1, ErrNotExport, 0},
		{"messages not an array", "{\n \"name\": \"x\",\n \"messages\": {}\n}", 3, ErrNotExport, 0},
		{"trailing value", "{\"type\": \"public_channel\", \"id\": 1, \"messages\": []}\n{\"id\": 2}\n", 2, ErrNotExport, 0},
		{"syntax in message", "{\n \"id\": 7,\n \"messages\": [\n  {\n   \"id\": 1,\n   \"date_unixtime\": \"1\"\n  },\n  {\n   \"id\": 2,\n   \"text\": \"a\" \"b\"\n  }\n ]\n}", 10, nil, 1},
		{"syntax in header", "{\n \"name\": \"x\",\n \"type\": tru,\n \"messages\": []\n}", 3, nil, 0},
		{"cut in header", "{\n \"name\": \"Канал\",\n \"ty", 3, io.ErrUnexpectedEOF, 0},
		{"cut between messages", "{\n \"id\": 7,\n \"messages\": [\n  {\n   \"id\": 1,\n   \"date_unixtime\": \"1\"\n  },\n", 8, io.ErrUnexpectedEOF, 1},
		{"bad escape", "{\n \"id\": 7,\n \"messages\": [\n  {\n   \"id\": 1,\n   \"text\": \"\\q\"\n  }\n ]\n}", 6, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, err := decodeAll(t, []byte(tt.input), ingest.Options{Name: "in.json"})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *ParseError", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
			var se *json.SyntaxError
			if tt.is == nil && !errors.As(err, &se) {
				t.Errorf("err = %v, want a *json.SyntaxError", err)
			}
			if pe.Line != tt.line || pe.File != "in.json" {
				t.Errorf("at %s:%d, want in.json:%d (%v)", pe.File, pe.Line, tt.line, err)
			}
			if len(recs) != tt.recs {
				t.Errorf("%d records before the error, want %d", len(recs), tt.recs)
			}
		})
	}
}

// TestDecodeMessageFields covers what the fixtures do not: extensions written by other export
// tools, cross-chat replies, skipped types and malformed messages.
func TestDecodeMessageFields(t *testing.T) {
	const head = "{\n \"name\": \"Ріа\",\n \"type\": \"public_supergroup\",\n \"id\": 777,\n \"username\": \"@Ria_Chat\",\n \"messages\": [\n"
	tests := []struct {
		name  string
		msg   string
		field string // expected FieldError field; "-" for a skipped message
		check func(t *testing.T, it fimi.Item)
	}{
		{"forward with origin message", `{"id": 5, "type": "message", "date_unixtime": "100", "from": "Іван", "from_id": "user42",
			"forwarded_from": "Канал", "forwarded_from_id": "channel9", "forwarded_from_message_id": "888", "text": "x"}`, "",
			func(t *testing.T, it fimi.Item) {
				if it.SharesID != tgID("9/888") {
					t.Errorf("SharesID = %q", it.SharesID)
				}
				if p := splitRaw(t, it.Raw); !reflect.DeepEqual(p.Forward, map[string]any{"from": "Канал", "from_id": "channel9", "chat_id": "9", "message_id": 888.0}) {
					t.Errorf("forward = %v", p.Forward)
				}
			}},
		{"hidden forward", `{"id": 5, "date_unixtime": 100, "from": "Іван", "from_id": "user42", "forwarded_from": null, "text": "x"}`, "",
			func(t *testing.T, it fimi.Item) {
				if p := splitRaw(t, it.Raw); !reflect.DeepEqual(p.Forward, map[string]any{"from": nil}) || it.SharesID != "" {
					t.Errorf("forward = %v, SharesID %q", p.Forward, it.SharesID)
				}
				if !it.Published.Equal(unix(100)) {
					t.Errorf("numeric date_unixtime: Published = %v", it.Published)
				}
			}},
		{"reply to another chat", `{"id": 6, "date_unixtime": "100", "from_id": "user42", "reply_to_message_id": 12, "reply_to_peer_id": "channel31", "text": ""}`, "",
			func(t *testing.T, it fimi.Item) {
				if it.ReplyToID != tgID("31/12") {
					t.Errorf("ReplyToID = %q", it.ReplyToID)
				}
			}},
		{"public supergroup with username", `{"id": 7, "date_unixtime": "100", "from": "Іван", "from_id": "user42", "text": "x",
			"text_entities": [{"type": "mention", "text": "@Ria_News"}, {"type": "mention", "text": "@ria_news"}, {"type": "mention_name", "text": "Оля", "user_id": "55"}, {"type": "text_link", "text": "тут", "href": "https://ria.ru/x"}, {"type": "email", "text": "a@b.c"}]}`, "",
			func(t *testing.T, it fimi.Item) {
				if it.URL != "https://t.me/Ria_Chat/7" || it.Account != "user42" || it.Author != "Іван" {
					t.Errorf("URL %q Account %q Author %q", it.URL, it.Account, it.Author)
				}
				if !reflect.DeepEqual(it.Mentions, []string{"ria_news", "user55"}) || !reflect.DeepEqual(it.URLs, []string{"https://ria.ru/x"}) {
					t.Errorf("Mentions %q URLs %q", it.Mentions, it.URLs)
				}
				if it.Text != "x" {
					t.Errorf("Text %q: text must win over text_entities", it.Text)
				}
				if p := splitRaw(t, it.Raw); p.Chat["username"] != "Ria_Chat" {
					t.Errorf("chat = %v", p.Chat)
				}
			}},
		{"text only in text_entities", `{"id": 8, "date_unixtime": "100", "from_id": "user1", "text_entities": [{"type": "plain", "text": "a "}, {"type": "hashtag", "text": "#Б"}]}`, "",
			func(t *testing.T, it fimi.Item) {
				if it.Text != "a #Б" || !reflect.DeepEqual(it.Hashtags, []string{"б"}) {
					t.Errorf("Text %q Hashtags %q", it.Text, it.Hashtags)
				}
			}},
		{"array text without text_entities", `{"id": 8, "date_unixtime": "100", "from_id": "user1", "text": ["Дивіться ", {"type": "text_link", "text": "тут", "href": "https://x.ua/1"}, " ", {"type": "hashtag", "text": "#Тег"}]}`, "",
			func(t *testing.T, it fimi.Item) {
				if it.Text != "Дивіться тут #Тег" || !reflect.DeepEqual(it.Hashtags, []string{"тег"}) || !reflect.DeepEqual(it.URLs, []string{"https://x.ua/1"}) {
					t.Errorf("Text %q Hashtags %q URLs %q", it.Text, it.Hashtags, it.URLs)
				}
			}},
		{"deleted account", `{"id": 9, "date_unixtime": "100", "from": null, "from_id": "user0", "text": "x"}`, "",
			func(t *testing.T, it fimi.Item) {
				if it.Account != "user0" || it.Author != "" {
					t.Errorf("Account %q Author %q", it.Account, it.Author)
				}
			}},
		{"service", `{"id": 10, "type": "service", "date_unixtime": "bad", "from": 5, "action": "join_group_by_link", "text": 5}`, "-", nil},
		{"unsupported", `{"id": 11, "type": "unsupported"}`, "-", nil},
		{"id not a number", `{"id": "x1", "date_unixtime": "100", "text": ""}`, "id", nil},
		{"id missing", `{"date_unixtime": "100", "text": ""}`, "id", nil},
		{"no date", `{"id": 12, "text": ""}`, "date", nil},
		{"type not a string", `{"id": 13, "type": 1, "date_unixtime": "100"}`, "type", nil},
		{"from not a string", `{"id": 14, "date_unixtime": "100", "from": 5}`, "from", nil},
		{"views negative float", `{"id": 15, "date_unixtime": "100", "views": 1.5}`, "views", nil},
		{"entities not an array", `{"id": 16, "date_unixtime": "100", "text": "", "text_entities": "x"}`, "text_entities", nil},
		{"text part a number", `{"id": 17, "date_unixtime": "100", "text": ["a", 5]}`, "text.1", nil},
		{"bad forward peer", `{"id": 18, "date_unixtime": "100", "forwarded_from_id": "group5"}`, "forwarded_from_id", nil},
		{"bad reply", `{"id": 19, "date_unixtime": "100", "reply_to_message_id": "x"}`, "reply_to_message_id", nil},
		{"not an object", `42`, "message", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := head + "  " + tt.msg + "\n ]\n}\n"
			recs, d, err := decodeAll(t, []byte(in), ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.field == "-" {
				if len(recs) != 0 || d.Skipped() != 1 {
					t.Fatalf("%d records, %d skipped; want 0 and 1", len(recs), d.Skipped())
				}
				return
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			rec := recs[0]
			if rec.Line != 7 {
				t.Errorf("Line = %d, want 7", rec.Line)
			}
			if got := fieldOf(rec.Err); got != tt.field {
				t.Fatalf("field error %q (%v), want %q", got, rec.Err, tt.field)
			}
			if tt.field != "" {
				if string(rec.Verbatim) != tt.msg {
					t.Errorf("Verbatim = %s", rec.Verbatim)
				}
				return
			}
			tt.check(t, rec.Item)
		})
	}
}

func TestDecodeChatIDErrors(t *testing.T) {
	in := "{\n \"chats\": {\n  \"list\": [\n   {\"type\": \"private_group\", \"id\": 1.5, \"messages\": [{\"id\": 1, \"date_unixtime\": \"1\"}]},\n" +
		"   {\"type\": \"private_group\", \"messages\": [{\"id\": 2, \"date_unixtime\": \"1\", \"reply_to_message_id\": 1}]},\n" +
		"   {\"type\": \"private_group\", \"id\": \"33\", \"messages\": [{\"id\": 3, \"date_unixtime\": \"1\"}]}\n  ]\n }\n}"
	recs, _, err := decodeAll(t, []byte(in), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	if fieldOf(recs[0].Err) != "chat.id" {
		t.Errorf("non-integer chat id: %v", recs[0].Err)
	}
	if recs[1].Err != nil || recs[1].Item.NativeID != "" || recs[1].Item.ReplyToID != "" {
		t.Errorf("chat without id: %+v", recs[1])
	}
	if recs[2].Err != nil || recs[2].Item.NativeID != "33/3" {
		t.Errorf("chat id as a string: %+v", recs[2])
	}
}

func TestDecodeEmptyExports(t *testing.T) {
	for _, in := range []string{
		"\xef\xbb\xbf{\"name\": \"x\", \"type\": \"public_channel\", \"id\": 1, \"messages\": []}",
		"{\n \"about\": \"Here is the data you requested.\",\n \"chats\": {\"about\": \"\", \"list\": []}\n}\n",
	} {
		recs, d, err := decodeAll(t, []byte(in), ingest.Options{})
		if err != nil || len(recs) != 0 || d.Skipped() != 0 {
			t.Errorf("%q: %d records, err %v", in, len(recs), err)
		}
	}
}

func TestFormat(t *testing.T) {
	f := Format
	if f.Name != "telegram" || len(f.Exts) != 0 || f.Sniff == nil {
		t.Fatalf("Format = %+v", f)
	}
	dec, err := f.Open(strings.NewReader(""), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dec.(*Decoder); !ok {
		t.Errorf("Open returned %T, want *Decoder", dec)
	}
}
