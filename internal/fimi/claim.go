package fimi

import (
	"encoding/json"
	"time"
)

// Claim is a claim that has been fact-checked: an EUvsDisinfo case, a ClaimReview, a CLEF
// verified claim. ID is the id as imported (prefixed by nothing), unique per store.
type Claim struct {
	ID        string          `json:"id"`
	Text      string          `json:"text"`                // the claim as stated
	Title     string          `json:"title,omitempty"`     // headline of the fact-check or case
	Summary   string          `json:"summary,omitempty"`   // what the outlets claimed
	Disproof  string          `json:"disproof,omitempty"`  // the rebuttal
	Verdict   string          `json:"verdict,omitempty"`   // false, misleading, disinformation, ...
	Rating    string          `json:"rating,omitempty"`    // the publisher's own rating label
	Languages []string        `json:"languages,omitempty"` // ISO 639-1 of the claim's appearances
	Keywords  []string        `json:"keywords,omitempty"`
	Countries []string        `json:"countries,omitempty"`
	Published time.Time       `json:"published,omitzero"` // date of the fact-check or case
	Appeared  time.Time       `json:"appeared,omitzero"`  // first appearance of the claim, if known
	Publisher string          `json:"publisher,omitempty"`
	URL       string          `json:"url,omitempty"`     // the fact-check or case page
	Related   []string        `json:"related,omitempty"` // URLs of publications carrying the claim
	Tags      []string        `json:"tags,omitempty"`    // "narrative:...", "disarm:T0022", ...
	Source    string          `json:"source,omitempty"`  // import format: euvsdisinfo, claimreview, clef, ...
	Raw       json.RawMessage `json:"raw,omitempty"`     // the imported record
}

// Match decisions.
const (
	DecisionConfirmed = "confirmed"
	DecisionSuggested = "suggested"
)

// Match links an item to a claim it repeats, with the matcher's score, decision and evidence.
type Match struct {
	ItemID   string          `json:"item"`
	ClaimID  string          `json:"claim"`
	Rank     int             `json:"rank"`               // 1 for the item's best match
	Score    float64         `json:"score"`              // in [0,1]
	Decision string          `json:"decision,omitempty"` // DecisionConfirmed, DecisionSuggested or ""
	Evidence json.RawMessage `json:"evidence,omitempty"` // the matcher's evidence as JSON
	Matched  time.Time       `json:"matched"`
}
