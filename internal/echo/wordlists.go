package echo

import "strings"

// irregular maps the irregular past forms of common English verbs to their base form, so
// that "sent" and "send" (a gloss of 寄, "envoyer") share a stem: English stems, of texts
// and of glosses, are taken of the base form.
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(irregularVerbs, "\n") {
		f := strings.Fields(line)
		for _, w := range f[1:] {
			if _, ok := m[w]; !ok && w != f[0] {
				m[w] = f[0]
			}
		}
	}
	return m
}()

// irregularVerbs: base form, then past tense and past participle forms.
const irregularVerbs = `arise arose arisen
awake awoke awoken
bear borne
beat beaten
become became
begin began begun
bend bent
bite bitten
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
cling clung
come came
creep crept
deal dealt
dig dug
draw drew drawn
dream dreamt
drink drank drunk
drive drove driven
eat ate eaten
fall fallen
feed fed
feel felt
fight fought
find found
flee fled
fly flew flown
forbid forbade forbidden
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
go went gone
grow grew grown
hang hung
hear heard
hide hid hidden
hold held
keep kept
kneel knelt
know knew known
lead led
leap leapt
learn learnt
lend lent
lose lost
make made
mean meant
meet met
mislead misled
overcome overcame
pay paid
prove proven
ride rode ridden
ring rang rung
rise risen
run ran
say said
see seen
seek sought
sell sold
send sent
shake shook shaken
shine shone
shoot shot
show shown
shrink shrank shrunk
sing sang sung
sink sank sunk
sit sat
sleep slept
slide slid
speak spoken
speed sped
spend spent
spin spun
spit spat
stand stood
steal stole stolen
stick stuck
sting stung
stink stank stunk
strike struck stricken
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
understand understood
undertake undertook undertaken
wake woke woken
wear wore worn
weep wept
win won
withdraw withdrew withdrawn
write wrote written`

// englishStem returns the stem of a lower-case English word, of its base form when it is
// an irregular verb form.
func englishStem(o *Options, w string) string {
	if b, ok := irregular[w]; ok {
		w = b
	}
	return o.Stem("en", w)
}

// hanStop holds the single Han characters of Chinese that are function words (particles,
// pronouns, conjunctions, common adverbs): like English stop words, they are not units.
var hanStop = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "的了我你您他她它们这那是在有和与及就也都很给要把被让不没个之其此因为而但所以对从着过吗呢吧啊又还只会能可地得于等些该将已再才并或即则如若虽然却向由每各某哪什么怎谁最更太非常真挺一上下后前" {
		m[r] = true
	}
	return m
}()
