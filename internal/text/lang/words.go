package lang

// functionWords lists, per language, frequent short words and a few words that tell close
// languages apart (Croatian, Bosnian and Serbian vocabulary; Czech and Slovak, Danish and
// Norwegian spellings). A text gains wordBonus nats for a language per word found in its list,
// twice that for a word of markerWords. The lists are written for this package (not taken
// from lingua-go); "sr" holds both scripts.
var functionWords = map[string]string{
	"en": `the of and to in is that for it on with as was at by be this are from or have an
		they which not but you his her he she we were has had been their will would there can
		all more one its also who when what said after about than`,
	"de": `der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch
		es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen
		so zum war haben nur oder aber vor zur bis mehr durch man gegen seit`,
	"fr": `de la le et les des en du un une à est que pour dans qui au par sur pas plus ne se il
		sont avec ce elle ont son sa été aux mais nous vous leur cette comme ou lui tout fait être
		même selon après depuis contre`,
	"es": `de la que el en y a los del se las por un para con no una su al lo como más pero sus
		le ya o este porque esta entre cuando muy sin sobre también me hasta hay donde desde todo
		nos durante todos uno les ni contra ese eso ante ellos esto tras según`,
	"it": `di e il la che in a per un è del non della le si con una i da al dei sono lo alla più
		ha gli come ma anche nel delle se questo ci o degli nella ne sul perché cui essere stato
		tra dal hanno già secondo dopo contro`,
	"pt": `de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi
		ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela até isso
		ela entre era depois sem mesmo aos ter seus quem nas esse eles estão você foram essa num
		nem suas numa pelos segundo contra após`,
	"ca": `de la i el que a en les els per un una amb no del es al va com més però també ha són
		seu seva o hi ja aquest aquesta molt sense fins després contra`,
	"ro": `de și în a la cu că nu o pe din care un se mai au este pentru ce să fost sunt ca sau
		dar iar al ale lui fi până prin cum după între fără însă acest această potrivit`,
	"pl": `i w nie na z się do to że jest o jak co a tak po ale za od już tylko przez dla czy być
		jego jej są był była ich tym ten ta tego które który która może też jeszcze bardzo gdy
		oraz ze we przed pod według`,
	"cs": `a v se na je že s z do to o k i jako ale pro by jsou jsem byl byla bylo být tak už jen
		jeho její které který která podle při po od za ve ze nebo také však až proto jejich mezi
		aby když tím této tento tato`,
	"sk": `a v sa na je že s z do to o k i ako ale pre by sú som bol bola bolo byť tak už len
		jeho jej ktoré ktorý ktorá podľa pri po od za vo zo alebo aj však až preto ich medzi aby
		keď tým tejto tento táto`,
	"sl": `in je v na se da za so z s po ki od pa tudi ne bo bi kot iz ali še že sem smo ga jih
		to ta te kar zaradi`,
	"hr": `i u je na se da za su od s sa po a o iz kao ali što to te ne sve bio bila koji koja
		koje ima već samo ili još tko tisuća tisuće sustav sustava sustave obrana obrane obrani
		tjedan tjedna siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna
		listopada studenoga prosinca zrakoplov vlak kruh glazba kazalište sveučilište povijest
		znanost točno izvješće priopćenje mirovina mirovine mirovina oporba oporbe prosvjed
		prosvjedi nogomet nogometna tvrtka tvrtke poduzeće poduzeća poduzeću gospodarstvo zapovjednik jučer obitelj uvjet
		uvjeti stoljeće ponovno također europski europske europa europskog unatoč`,
	"bs": `i u je na se da za su od s sa po a o iz kao ali što to te ne sve bio bila koji koja
		koje ima već samo ili još ko šta hiljada hiljade historija historije historijski općina
		općine saopćenje saopćila saopćio sedmica sedmice odbrana odbrane sistem sistema sisteme
		ljekar ljekari hljeb lahko kahva preduzeće preduzeća preduzeću penzija penzije fudbal fudbalska evropski evropske
		evropa uprkos ponovo također jučer stoljeće vijeće izvještaj dešava`,
	"sr": `i u je na se da za su od s sa po a o iz kao ali to te ne sve bio bila koji koja koje
		ima već samo ili još što ko šta hiljada hiljade istorija istorije preduzeće preduzeća preduzeću odbrana odbrane sistem
		sistema sisteme lekar lekari hleb nedelja nedelje penzija penzije fudbal fudbalska
		evropski evropske evropa uprkos ponovo takođe juče vek veka izveštaj saopštila saopštio
		saopštenje opština ceo dešava
		и у не на да са по то како од за се је су ће ка али он већ само она до би био била
		били када ако или ми ви они им такође било може веома при после без што ко шта`,
	"hu": `a az és hogy nem is egy ez meg van volt de már csak még ki el mint azt ha vagy be fel
		kell lesz ami aki pedig sem után szerint között miatt`,
	"lt": `ir kad yra į su iš o bet kaip jau tai ne bus buvo jis ji jie per už prie apie tik dar
		kai nuo iki ar kur šis ši tas ta mes jūs aš`,
	"lv": `un ir ka par ar no uz kas bet arī to tas tā ne lai vai bija būs viņš viņa viņi pie
		pēc kā jau tikai vēl kad līdz starp mēs jūs es šis šī`,
	"et": `ja on et ei see ka ta oli ole kui mis aga nii siis veel ning või nagu pärast üle juba
		kes selle seda tema nad me te ma`,
	"nl": `de het een van en in is dat op te zijn voor met niet aan er die als ook door bij om
		maar wordt werd nog naar dan uit of heeft worden hij zij ze we wij over tot`,
	"sv": `och i att det som en är på av för med till den inte har de om var ett men jag han hon
		vi ni så kan från eller efter när också sig ska vid under mot blev`,
	"da": `og i at det som en er på af for med til den ikke har de om var et men jeg han hun vi
		så kan fra eller efter når også sig skal ved under mod blev bliver hvad nogen noget
		meget mig dig ud op været`,
	"no": `og i at det som en er på av for med til den ikke har de om var et men jeg han hun vi
		så kan fra eller etter når også seg skal ved under mot ble blir hva noen noe mye meg deg
		ut opp vært`,
	"fi": `ja on ei se että oli ovat ole hän mutta kun myös tai niin joka sen jo vain kuin
		mukaan vuoden tämä nyt`,
	"tr": `ve bir bu da de için ile olarak çok daha en gibi kadar sonra ama ya ne her şu olan
		değil var yok mi mı`,
	"az": `və bir bu da də üçün ilə olaraq çox daha ən kimi qədər sonra amma ya nə hər olan
		deyil var yox`,
	"sq": `dhe të në e i për me që nga një është së u ka nuk si por do janë ishte kjo ky`,
	"ru": `и в не на что с по это как из у за от о же для так все его но он уже только она к бы
		был была были быть когда если или мы вы они их ее её то также было может очень при
		после без до`,
	"uk": `і в у не на що з по це як із за від про для так все його але він вже тільки вона до
		б був була були бути коли якщо чи ми ви вони їх її та також було може дуже при після
		без й є`,
	"be": `і ў у не на што з па гэта як із за ад пра для так усё яго але ён ужо толькі яна да
		б быў была былі быць калі ці мы вы яны іх яе таксама было можа вельмі пры пасля без`,
	"bg": `и в не на че с по това как от за да се е са ще към но той вече само тя до би бил
		била били когато ако или ние вие те им я също беше може много при след без във със`,
	"mk": `и во не на дека со по ова како од за да се е ќе кон но тој веќе само таа до би бил
		била биле кога ако или ние вие тие им ја исто беше може многу при без`,
	"kk": `және мен бұл бір деп да де үшін осы ол оның олар бар жоқ емес болып болды еді біз
		сіз сол туралы бойынша қазір тағы`,
	"ar": `في من على أن إلى عن مع هذا هذه التي الذي كان ما لا قد أو بين بعد كل ذلك هو هي وقد
		ولا عند حتى ثم لم لن إن`,
	"fa": `و در به از که این را با است برای آن یک خود تا کرد بر هم نیز شده می ها شود کند اما
		یا باید دیگر پس چه همه`,
}

// markerWords are frequent words whose spelling shows the reflex of the old yat vowel:
// ijekavian (Croatian, Bosnian) or ekavian (Serbian). Texts that have them are rarely in the
// other variant, while the letter n-grams of the three languages differ little.
var markerWords = map[string]string{
	"hr": ijekavian,
	"bs": ijekavian,
	"sr": `gde uvek ovde dve deca mesec meseca mere vest vesti cena cene celi predsednik
		predsednika predsednica posle pre vreme mesto dete reč svet sveta telo reka deo nemačka
		nemačke nemačkoj sedište primer pesma lep mleko verovatno sneg beli levi sever severne
		takođe`,
}

const ijekavian = `gdje uvijek ovdje dvije djeca mjesec mjeseca mjere vijest vijesti cijena
	cijene cijeli predsjednik predsjednika predsjednica poslije prije vrijeme mjesto dijete
	riječ svijet svijeta tijelo rijeka dio njemačka njemačke njemačkoj sjedište primjer pjesma
	lijep mlijeko vjerovatno vjerojatno snijeg bijeli lijevi sjever sjeverne`
