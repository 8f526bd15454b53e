package stem

// stopLists holds the stop words of each language, separated by white space.
var stopLists = map[string]string{
	"en": `a about above after again against all am an and any are aren't as at be because been
		before being below between both but by can cannot could couldn't did didn't do does
		doesn't doing don't down during each few for from further had hadn't has hasn't have
		haven't having he he'd he'll he's her here here's hers herself him himself his how
		how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
		mustn't my myself no nor not of off on once only or other ought our ours ourselves out
		over own same shan't she she'd she'll she's should shouldn't so some such than that
		that's the their theirs them themselves then there there's these they they'd they'll
		they're they've this those through to too under until up very was wasn't we we'd we'll
		we're we've were weren't what what's when when's where where's which while who who's
		whom why why's will with won't would wouldn't you you'd you'll you're you've your yours
		yourself yourselves also just may might must shall upon via yet`,

	"ru": `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где
		да даже для до его ее её если есть еще ещё же за здесь и из или им их к как ко когда
		кто ли либо мне может мы на надо наш не него нее неё нет ни них но ну о об однако он
		она они оно от очень по под при с со так также такой там те тем то того тоже той
		только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это я этот этого этой
		этом этих тот та тех ему ей ним ней нем нём них нами вами себя себе собой мой моя моё
		мое мои твой свой своя свои наши ваш ваша ваши который которая которое которые
		которых котором которой сам сама само сами будет будут было бы чтоб нибудь тогда
		потому поэтому между через над перед после около вне кроме среди вокруг весь вся всё
		всю всем всеми уж лишь разве вдруг ведь вон`,

	"uk": `а аби або адже але б без би був була були було бути в вам вас весь вже від він вона
		вони воно вся все всі всього всіх ви де для до його її з за зі і й їй їм їх їхній
		коли крім ми мене мені мій моя моє мої на над навіть нам нас наш наша наше наші не
		нього неї ні нім них ну о однак от по під після при про саме своє свій своя свої се
		собі собою та так також там те теж ти тим тих то тобто того тієї тільки тому ту ті у
		уже хоча хто це цей ця ці цього цієї цих цим чи через що щоб як який яка яке які
		якого якої яких якщо є ж лише між перед біля серед навколо поки адже мабуть бо тут
		його їхня їхнє їхні вам вами нами ним нею ними ним його`,

	"pl": `a aby ach acz aczkolwiek aj albo ale ani aż bardziej bardzo bez bo bowiem by byli
		bym być był była było były będzie będą chce choć ci cię ciebie co coś czy czyli
		dla do dlaczego dlatego gdy gdyż gdzie go i ich im inne iż ja jak jako je jego jej
		jest jestem jeszcze jeśli jeżeli już ją każdy kiedy kto która które którego której
		który których którym którzy ku lub ma mają mi między mnie mną mu my na nad nam nas
		nasz nasza nasze naszego nawet nic nich nie niech niego niej niemu nigdy nim nimi niż
		no o od on ona one oni ono oraz po pod ponieważ przed przez przy również są się sobie
		sobą swoje swój swoja swoich ta tak także tam te tego tej ten teraz też to tobie
		toteż tu tutaj twój ty tych tylko tym u w we wiele wszystko właśnie z za ze że żeby
		jednak gdzie był by czy dzięki według wobec wśród około poza`,

	"cs": `a aby aj ale ani aniž ano asi až bez bude budou by byl byla byli bylo byly být
		co což či další do ho i já jak jako je jeho jej její jejich jen jenž ještě ji jí jim
		jimi již jsem jsi jsme jsou jste k kam kde kdo kdy když ke která které kterou který
		kteří ku má mají mé mě mezi mi mít mne mně mnou mu my můj na nad nám nás náš naše
		ne nebo nebyl nejsou není než nic o od on ona oni ono pak po pod podle pokud pouze
		právě pro proč proto protože před přes při s se si sice své svůj svých tak také tam
		tato te ten tento teto tím to tohle toho tom tomto tomu toto tu tuto ty tyto u už v
		ve však vy z za ze že tedy této těch tedy jsme jakož kromě mimo okolo skrz vůči`,

	"de": `aber alle allem allen aller alles als also am an ander andere anderem anderen
		anderer anderes auch auf aus bei bin bis bist da damit dann das dass dein deine dem
		den denn der des dich die dies diese diesem diesen dieser dieses dir doch dort du
		durch ein eine einem einen einer eines er es etwas euch euer eure für gegen gewesen
		hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
		ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein
		keine keinem keinen keiner können könnte man manche mein meine mich mir mit muss
		musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
		seiner sich sie sind so solche soll sollte sondern um und uns unser unsere unter
		viel vom von vor war waren warum was weil welche welchem welchen welcher welches wenn
		wer werde werden wie wieder will wir wird wo wollen würde würden zu zum zur zwar
		zwischen über daß sowie bereits laut`,

	"fr": `à a afin ai aie aient ainsi alors au aucun aucune aussi autre aux avaient avais
		avait avant avec avez avoir avons c ça car ce ceci cela celle celles celui cependant
		ces cet cette ceux chaque chez comme comment d dans de des depuis donc dont du elle
		elles en encore entre est et étaient était été être eu eux fait faire il ils j je
		jusqu l la le les leur leurs lors lui m ma mais me même mes moi mon n ne ni nos
		notre nous on ont ou où par parce pas peu peut plus pour pourquoi qu quand que quel
		quelle quelles quels qui s sa sans se sera seront ses si son sont sous sur t ta te
		tes toi ton tous tout toute toutes très tu un une vers vos votre vous y selon
		contre entre après lequel laquelle lesquels dès`,

	"es": `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde
		durante e el él ella ellas ellos en entre era erais eran eras eres es esa esas ese
		eso esos esta está están estaba estado estar estas este esto estos fue fueron ha
		había habían han has hasta hay la las le les lo los más me mi mis mucho muy nada ni
		no nos nosotros o os otra otras otro otros para pero poco por porque que qué quien
		quienes se sea según ser si sí sido sin sino sobre son su sus también tan tanto te
		tenía tiene tienen todo todos tu tus un una unas uno unos usted ustedes y ya yo
		cuyo cuya mientras aunque tras hacia`,

	"it": `a ad al alla alle allo agli ai anche ancora avere aveva c che chi ci come con cui
		da dal dalla dalle dei del della delle dello degli di dopo e è ed era erano essere
		fra gli ha hanno i il in io la le lei li lo loro lui ma mi molto ne nei nel nella
		nelle nello negli noi non o per perché più poi quale quando quella quelle quelli
		quello questa queste questi questo se sei si sia siamo sono stata stato su sua sue
		sui sul sulla suo suoi tra tu tutti tutto un una uno voi già solo secondo contro`,

	"pt": `a à ao aos as às com como da das de dela dele deles do dos e é ela elas ele eles em
		entre era eram essa esse esta está estão este eu foi for foram há isso isto já lhe
		mais mas me mesmo meu minha muito na nas nem no nos nós num numa o os ou para pela
		pelas pelo pelos por qual quando que quem se sem ser seu seus sua suas só também te
		tem têm um uma umas uns você vocês sobre até após contra segundo`,

	"nl": `aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
		door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij
		hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet
		na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen
		tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil worden
		wordt zal ze zelf zich zij zijn zo zonder zou volgens`,

	"sv": `alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig
		din dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har
		henne hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan
		men mig min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan
		sig sin sina sitta själv skulle som så sådan till under upp ut utan vad var vara varför
		varit varje vars vem vi vid vilka vilken vilket vår våra vårt än är över enligt`,

	"sk": `a aby aj ak ako ale alebo ani asi až bez bol bola boli bolo by byť cez či čo do ešte
		ho i ich im ja je jeho jej ju k kam kde keď ktorá ktoré ktorý ktorí len ma mal mala
		mali má majú medzi mi mne mnou mu my na nad nám nás náš ne nie nič o od on ona oni
		ono po pod podľa pre pred pri pretože s sa si so sú svoj ta tak takže tam teda ten
		tento tiež to toho tom tomu tu tú ty u už v vo však vy z za zo že`,

	"hr": `a ako ali bi bih bila bili bilo bio biti bez bude budu da do dok ga gdje i ih ili
		im ja je jer jesu još joj ju k kad kada kako kao koja koje koji kojima kojoj kroz li
		me mene meni mi mu na nad nakon nam nas naš ne nego neka nije niti no o od on ona
		oni ono pa po pod prema pri prije s sa samo se sebe si smo su svoj ta tako te ti to
		toga tom tu u uz već vi za zbog što šta će ćemo ću su ovaj ova ovo taj sve svi
		kod među protiv preko osim jedan jedna jedno`,

	"sr": `а ако али би бих била били било био бити без буде буду да до док га где и их или
		им ја је јер јесу још јој ју к кад када како као која које који којима којој кроз ли
		ме мене мени ми му на над након нам нас наш не него нека није нити но о од он она
		они оно па по под према при пре с са само се себе си смо су свој та тако те ти то
		тога том ту у уз већ ви за због што шта ће ћемо ћу овај ова ово тај све сви
		код међу против преко осим један једна једно`,

	"bg": `а аз ако ала бе без би бил била били било близо бъдат бъде бяха в вас ваш ваша
		вече ви вие все всеки всички всичко във въпреки върху г ги го да дали до докато е
		едва една едно ако за зад заедно защо защото и из или им има имат й каза как какво
		както като кога когато които който коя кое които към ли между мен ме ми много може
		му на над нас нашия не него нея ни ние никой нито но някой няма о обаче около
		освен от отново още пак по под покрай поради после при пред преди през с са само
		се след си сме със също съм та така там те тези ти то това тогава този той тя тук
		тъй тях у че често чрез ще щом я`,

	"be": `а але б без бо бы быў была былі было быць в вам вас ва вось усе ўсе усё ўсё усіх вы
		дзе для да дык і й з за зь ёй ён яна яны яно іх калі каб каго як які якая якое якія
		мне мы на над нам нас наш не ні ну па пад пасля пры праз пра с са свой сваё свая
		свае сабе так таксама там той тая тое тыя ты у ў што шчэ яго яе ім ім ж жа толькі
		ужо ці гэта гэты гэтая гэтыя гэтага`,

	"no": `alle at av bare ble bli blir da de dem den denne der dere deres det dette din disse
		du eller en er et etter for fra før ha hadde han hans har hennes hun hva hvem hver
		hvis hvor hvordan i ikke inn jeg kan kom kunne man med meg men mer min mot mye ned
		noe noen nå når og også om opp oss over på seg selv sin sine sitt skal skulle som så
		til ut utenfor var vi ville være vært å`,

	"da": `af alle andet andre at begge da de den denne der deres det dette dig din dine disse
		dit dog du efter eller en end er et for fra ham han hans har havde have hende hendes
		her hos hun hvad hvis hvor i ikke ind jeg jer kan kun kunne man mange med meget men
		mig min mine mit mod ned noget nogle nu når og også om op os over på selv sig sin
		sine sit skal skulle som sådan thi til ud under var vi vil ville vor være været`,
}
