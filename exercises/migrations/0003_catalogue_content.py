"""The catalogue every install starts with: exercises and progressions in English and Dutch.

Texts are written for runningcoach from the facts of the source articles (hip stability,
low-back load, trail running, retro running, retro walking). The historical models know
nothing of modeltranslation, so every translated field is set three times: the base column
(English, the default language), `_en` and `_nl`.
"""

from django.db import migrations

EXERCISE_TEXTS = ("name", "purpose", "how_to", "cues", "safety", "dose_note", "source")
PROGRESSION_TEXTS = ("name", "summary", "safety", "source")
STEP_TEXTS = ("title", "dose", "criteria")


def lines(*cues):
    return "\n".join(cues)


HIP_SOURCE = (
    "Willy et al., 2011; Dierks et al., 2008; runningcoach hip programme, after the article "
    "on why runners should train their hips (Lopen met een lach)",
    "Willy e.a., 2011; Dierks e.a., 2008; heupprogramma van runningcoach, naar het artikel "
    "over waarom hardlopers hun heupen moeten trainen (Lopen met een lach)",
)
BACK_SOURCE = (
    "runningcoach back drills, after the article on low-back load in runners around Zeist "
    "(MoveWell Zeist)",
    "rugoefeningen van runningcoach, naar het artikel over lage-rugbelasting bij lopers rond "
    "Zeist (MoveWell Zeist)",
)
TRAIL_SOURCE = (
    "runningcoach trail guidance, after the article on the benefits of trail running "
    "(ZorgMij, 2025)",
    "trailadvies van runningcoach, naar het artikel over de voordelen van trailrunning "
    "(ZorgMij, 2025)",
)
RETRO_WALK_SOURCE = (
    "Physiotherapists Winnie Yu and Rachel Tavel and kinesiologist Janet Dufek on retro "
    "walking (ELLE Nederland, 2025)",
    "Fysiotherapeuten Winnie Yu en Rachel Tavel en kinesioloog Janet Dufek over "
    "retro-wandelen (ELLE Nederland, 2025)",
)
RETRO_RUN_SOURCE = (
    "Article on the benefits of running backward (Runner's World Nederland)",
    "Artikel over de voordelen van achteruit hardlopen (Runner's World Nederland)",
)

EXERCISES = [
    # Hip programme, level 1: activation.
    {
        "slug": "side-plank",
        "category": "hip",
        "level": 1,
        "order": 1,
        "dose": {"dose_sets": 3, "dose_seconds": 30},
        "name": ("Side plank (optional hip lift)", "Zijplank (eventueel met heupheffing)"),
        "purpose": (
            "Switches on the muscles at the side of the hip and trunk that keep your pelvis "
            "level while you stand on one leg, which is what happens at every running stride.",
            "Zet de spieren aan de zijkant van heup en romp aan het werk die je bekken "
            "horizontaal houden terwijl je op één been staat, en dat doe je bij elke pas.",
        ),
        "how_to": (
            "Lie on your side with your elbow under your shoulder and your legs stacked. Lift "
            "your hips until your body forms a straight line from head to feet, and hold. For "
            "the harder version, do 8-10 slow hip lifts instead: lower your hips a few "
            "centimetres and lift them back into line, without rolling forward or back. Then "
            "switch sides.",
            "Ga op je zij liggen met je elleboog onder je schouder en je benen op elkaar. Til "
            "je heupen op tot je lichaam een rechte lijn vormt van hoofd tot voeten en houd "
            "vast. Voor de zwaardere variant doe je in plaats daarvan 8-10 rustige "
            "heupheffingen: laat je heupen een paar centimeter zakken en til ze weer in lijn, "
            "zonder voor- of achterover te rollen. Wissel daarna van kant.",
        ),
        "cues": (
            lines(
                "Elbow right under the shoulder",
                "Head, hips and feet in one line",
                "Push the floor away with your forearm",
                "Breathe calmly; do not hold your breath",
            ),
            lines(
                "Elleboog recht onder je schouder",
                "Hoofd, heupen en voeten op één lijn",
                "Duw de vloer weg met je onderarm",
                "Adem rustig door; houd je adem niet in",
            ),
        ),
        "safety": (
            "Start with your knees bent and resting on the floor if the straight-leg version "
            "hurts your shoulder or you cannot keep the line. End the set when your hips sag: "
            "quality counts, not seconds.",
            "Begin met gebogen knieën op de grond als de versie met gestrekte benen pijn doet "
            "aan je schouder of als je de lijn niet kunt vasthouden. Stop de serie zodra je "
            "heupen doorzakken: de kwaliteit telt, niet het aantal seconden.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    {
        "slug": "fire-hydrants",
        "category": "hip",
        "level": 1,
        "order": 2,
        "dose": {"dose_sets": 3, "dose_reps": 12},
        "name": ("Fire hydrants", "Fire hydrants (knie zijwaarts heffen)"),
        "purpose": (
            "Activates the outer hip muscles that turn the thigh outward and keep the knee "
            "from caving in, with strict control of the trunk.",
            "Activeert de spieren aan de buitenkant van de heup die je bovenbeen naar buiten "
            "draaien en voorkomen dat je knie naar binnen klapt, met strikte controle over je "
            "romp.",
        ),
        "how_to": (
            "Kneel on hands and knees, hands under your shoulders and knees under your hips. "
            "Keep the knee bent at a right angle and lift it out to the side until it is about "
            "level with the hip. Pause for a moment and lower it slowly. Trunk and pelvis stay "
            "still the whole time.",
            "Ga op handen en knieën zitten, handen onder je schouders en knieën onder je "
            "heupen. Houd je knie in een rechte hoek gebogen en til hem zijwaarts op tot "
            "ongeveer heuphoogte. Houd even vast en laat langzaam zakken. Romp en bekken "
            "blijven de hele tijd stil.",
        ),
        "cues": (
            lines(
                "Pelvis level: do not tip towards the supporting side",
                "Move from the hip, not from the low back",
                "Slowly on the way down",
                "Only as high as you can go without twisting",
            ),
            lines(
                "Bekken horizontaal: niet naar de steunkant kantelen",
                "Beweeg vanuit de heup, niet vanuit je onderrug",
                "Langzaam terug naar beneden",
                "Alleen zo hoog als lukt zonder te draaien",
            ),
        ),
        "safety": (
            "Strict technique matters more than height: a smaller, clean movement trains the "
            "right muscles. Put a folded towel under your knees if kneeling is uncomfortable.",
            "Strikte techniek is belangrijker dan hoogte: een kleinere, zuivere beweging "
            "traint de juiste spieren. Leg een opgevouwen handdoek onder je knieën als knielen "
            "onprettig is.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    # Hip programme, level 2: strength.
    {
        "slug": "split-squat",
        "category": "hip",
        "level": 2,
        "order": 1,
        "dose": {"dose_sets": 3, "dose_reps": 10},
        "name": ("Split squat", "Split squat"),
        "purpose": (
            "Builds single-leg strength in hip and thigh while the hip keeps the knee in line "
            "with the foot.",
            "Bouwt kracht op één been op in heup en bovenbeen, terwijl je heup de knie in lijn "
            "houdt met je voet.",
        ),
        "how_to": (
            "Stand in a long stride, front foot flat and back heel lifted. Lower straight down "
            "until the back knee almost touches the floor, then push back up through the front "
            "foot. Do all repetitions on one side, then switch. To make it harder, hold "
            "dumbbells or put the back foot on a bench.",
            "Sta in een grote spreidstand, voorste voet plat en achterste hiel van de grond. "
            "Zak recht omlaag tot je achterste knie bijna de grond raakt en duw jezelf via je "
            "voorste voet weer omhoog. Doe alle herhalingen aan één kant en wissel dan. Maak "
            "het zwaarder met dumbbells in je handen of met je achterste voet op een bankje.",
        ),
        "cues": (
            lines(
                "Front knee points over the middle toes",
                "Pelvis level and facing forward",
                "Trunk upright",
                "Push the floor away with the whole front foot",
            ),
            lines(
                "Voorste knie wijst over je middelste tenen",
                "Bekken horizontaal en recht naar voren",
                "Romp rechtop",
                "Duw de vloer weg met je hele voorste voet",
            ),
        ),
        "safety": (
            "Go less deep if your front knee hurts: pain around the kneecap is a reason to "
            "shorten the movement, not to push through.",
            "Zak minder diep als je voorste knie pijn doet: pijn rond de knieschijf is een "
            "reden om de beweging kleiner te maken, niet om door te zetten.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    {
        "slug": "step-up",
        "category": "hip",
        "level": 2,
        "order": 2,
        "dose": {"dose_sets": 3, "dose_reps": 10},
        "name": ("Step-up", "Step-up (opstappen)"),
        "purpose": (
            "Trains hip and thigh to lift your body on one leg with the knee in line, as when "
            "you push off uphill.",
            "Traint heup en bovenbeen om je lichaam op één been omhoog te brengen met de knie "
            "in lijn, zoals bij de afzet bergop.",
        ),
        "how_to": (
            "Put one foot on a sturdy step or box at knee height or lower. Push through that "
            "foot until you stand on the box, without pushing off with the back leg, then "
            "lower yourself slowly and under control. Do all repetitions on one leg, then "
            "switch.",
            "Zet één voet op een stevige trede of kist van kniehoogte of lager. Duw via die "
            "voet omhoog tot je op de kist staat, zonder af te zetten met je achterste been, "
            "en zak daarna langzaam en gecontroleerd terug. Doe alle herhalingen op één been "
            "en wissel dan.",
        ),
        "cues": (
            lines(
                "The leg on the box does the work; the other foot only follows",
                "Knee over the middle toes",
                "Hips level at the top",
                "Lower slowly: count to three",
            ),
            lines(
                "Het been op de kist doet het werk; de andere voet volgt alleen",
                "Knie boven je middelste tenen",
                "Heupen horizontaal bovenaan",
                "Zak langzaam: tel tot drie",
            ),
        ),
        "safety": (
            "Use a stable step that cannot slide away. Start low; raise the step or add weight "
            "only when every repetition stays clean.",
            "Gebruik een stabiele trede die niet kan wegschuiven. Begin laag; maak de trede "
            "hoger of neem gewicht pas als elke herhaling zuiver blijft.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    {
        "slug": "single-leg-romanian-deadlift",
        "category": "hip",
        "level": 2,
        "order": 3,
        "dose": {"dose_sets": 3, "dose_reps": 8},
        "name": ("Single-leg Romanian deadlift", "Eenbenige Roemeense deadlift (single-leg RDL)"),
        "purpose": (
            "Strengthens glutes and hamstrings and trains balance and hip control on one leg.",
            "Versterkt bilspieren en hamstrings en traint balans en heupcontrole op één been.",
        ),
        "how_to": (
            "Stand on one leg with a soft knee. Hinge at the hip: let your trunk tip forward "
            "while the free leg reaches back, until you feel the back of the standing leg. "
            "Come back up by bringing the hip forward. Hold a weight in the opposite hand to "
            "make it harder.",
            "Sta op één been met een licht gebogen knie. Scharnier vanuit je heup: laat je "
            "romp naar voren kantelen terwijl je vrije been naar achteren reikt, tot je de "
            "achterkant van je standbeen voelt. Kom terug omhoog door je heup naar voren te "
            "brengen. Houd een gewicht in de andere hand om het zwaarder te maken.",
        ),
        "cues": (
            lines(
                "Back long and neutral",
                "Hips stay square to the floor; do not let them open to the side",
                "Standing knee soft and in line with the foot",
                "Move slowly: balance is part of the exercise",
            ),
            lines(
                "Rug lang en neutraal",
                "Heupen blijven recht naar de grond; laat ze niet naar opzij openklappen",
                "Knie van het standbeen licht gebogen en in lijn met de voet",
                "Beweeg langzaam: balans hoort bij de oefening",
            ),
        ),
        "safety": (
            "Touch a wall or chair with a fingertip if you lose your balance. Stop and check "
            "your back if you feel the exercise in the low back instead of the glutes and "
            "hamstrings.",
            "Raak met een vingertop een muur of stoel aan als je je balans verliest. Stop en "
            "controleer je rug als je de oefening in je onderrug voelt in plaats van in "
            "bilspieren en hamstrings.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    {
        "slug": "lateral-step-down",
        "category": "hip",
        "level": 2,
        "order": 4,
        "dose": {"dose_sets": 3, "dose_reps": 10},
        "name": ("Lateral step-down", "Lateral step-down (zijwaarts afstappen)"),
        "purpose": (
            "Teaches the hip to control the knee while the leg bends under load: the moment at "
            "which a knee tends to cave in.",
            "Leert je heup de knie te controleren terwijl het been onder belasting buigt: het "
            "moment waarop een knie de neiging heeft naar binnen te klappen.",
        ),
        "how_to": (
            "Stand sideways on a low step on one leg, the other foot hanging beside it. Bend "
            "the standing leg slowly until the heel of the free foot lightly touches the "
            "floor, then straighten again. Do not rest on the floor.",
            "Sta zijwaarts op één been op een lage trede, de andere voet hangt ernaast. Buig "
            "het standbeen langzaam tot de hiel van de vrije voet licht de grond raakt en "
            "strek weer. Rust niet op de grond.",
        ),
        "cues": (
            lines(
                "Knee stays over the middle toes",
                "Pelvis level: the free side does not drop",
                "Sit the hips back a little",
                "Tap the floor; do not stand on it",
            ),
            lines(
                "Knie blijft boven je middelste tenen",
                "Bekken horizontaal: de vrije kant zakt niet weg",
                "Duw je heupen iets naar achteren",
                "Tik de grond aan; ga er niet op staan",
            ),
        ),
        "safety": (
            "Start on a low step of 10-15 cm, and hold a wall or railing for balance at first.",
            "Begin op een lage trede van 10-15 cm en houd je in het begin vast aan een muur of "
            "leuning voor je balans.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    # Hip programme, level 3: dynamic, the transfer to running.
    {
        "slug": "skater-hops",
        "category": "hip",
        "level": 3,
        "order": 1,
        "dose": {"dose_sets": 3, "dose_reps": 8},
        "name": ("Skater hops", "Skater hops (schaatssprongen)"),
        "purpose": (
            "Carries hip control over into running: you land on one leg after a sideways jump "
            "and absorb the landing with the knee in line.",
            "Brengt heupcontrole over naar het hardlopen: je landt na een zijwaartse sprong op "
            "één been en vangt de landing op met de knie in lijn.",
        ),
        "how_to": (
            "Standing on one leg, jump sideways onto the other leg like a speed skater, land "
            "softly and hold for a moment before you jump back. Start with small jumps and "
            "make them wider as long as your landings stay quiet and stable.",
            "Spring vanuit stand op één been zijwaarts naar het andere been, zoals een "
            "schaatser, land zacht en houd even vast voordat je terugspringt. Begin met kleine "
            "sprongen en maak ze breder zolang je landingen stil en stabiel blijven.",
        ),
        "cues": (
            lines(
                "Land softly on the forefoot and roll onto the whole foot",
                "Knee over the toes, not inward",
                "Hips level on landing",
                "Quiet landings first, wider jumps later",
            ),
            lines(
                "Land zacht op je voorvoet en rol af naar je hele voet",
                "Knie boven je tenen, niet naar binnen",
                "Heupen horizontaal bij de landing",
                "Eerst stille landingen, dan pas bredere sprongen",
            ),
        ),
        "safety": (
            "Only after passing the level-2 gate. Use a flat floor that is not slippery. Stop "
            "at sharp pain or when the knee keeps caving in.",
            "Pas nadat je door de poort van niveau 2 bent. Gebruik een vlakke vloer die niet "
            "glad is. Stop bij scherpe pijn of als je knie steeds naar binnen klapt.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    {
        "slug": "lateral-bound-and-stick",
        "category": "hip",
        "level": 3,
        "order": 2,
        "dose": {"dose_sets": 3, "dose_reps": 6},
        "name": ("Lateral bound and stick", "Lateral bound & stick (zijsprong met vaste landing)"),
        "purpose": (
            "Trains landing control: jump sideways and freeze in a stable landing, the way your "
            "hip has to catch every running stride.",
            "Traint landingscontrole: spring zijwaarts en sta meteen stil in een stabiele "
            "landing, zoals je heup elke pas tijdens het lopen moet opvangen.",
        ),
        "how_to": (
            "Stand on one leg, jump powerfully sideways and land on the other leg. Stick the "
            "landing: stand still for two seconds without extra hops or wobbling. Reset, then "
            "jump back the other way.",
            "Sta op één been, spring krachtig zijwaarts en land op het andere been. Zet de "
            "landing vast: sta twee seconden stil zonder extra hupjes of gewiebel. Zet je "
            "opnieuw klaar en spring terug naar de andere kant.",
        ),
        "cues": (
            lines(
                "Stick it: two seconds still",
                "Knee over the toes, hips level",
                "Chest up, eyes forward",
                "Jump further only when the landing stays still",
            ),
            lines(
                "Vastzetten: twee seconden stil",
                "Knie boven je tenen, heupen horizontaal",
                "Borst omhoog, blik naar voren",
                "Spring pas verder als de landing stil blijft",
            ),
        ),
        "safety": (
            "Only after passing the level-2 gate. Choose a distance at which you can stick "
            "every landing: a shorter jump with a clean landing beats a long one with a "
            "wobble.",
            "Pas nadat je door de poort van niveau 2 bent. Kies een afstand waarop je elke "
            "landing kunt vastzetten: een kortere sprong met een zuivere landing is beter dan "
            "een lange met gewiebel.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": HIP_SOURCE,
    },
    {
        "slug": "box-jump-with-pre-tension",
        "category": "hip",
        "level": 3,
        "order": 3,
        "dose": {"dose_sets": 3, "dose_reps": 6},
        "name": ("Box jump with pre-tension", "Boxjump met voorspanning"),
        "purpose": (
            "Teaches the leg to work like a spring: tension before take-off and a controlled "
            "landing, with the hips steering the knees.",
            "Leert je been als een veer te werken: spanning vóór de afzet en een "
            "gecontroleerde landing, waarbij je heupen je knieën sturen.",
        ),
        "how_to": (
            "Stand in front of a low, stable box. Dip quickly into a quarter squat to build "
            "tension, jump onto the box and land softly on both feet with the knees in line "
            "with the feet. Stand up tall, then step down; do not jump down.",
            "Sta voor een lage, stabiele kist. Zak snel in een kwart squat om spanning op te "
            "bouwen, spring op de kist en land zacht op beide voeten met je knieën in lijn met "
            "je voeten. Kom rechtop en stap daarna naar beneden; spring er niet af.",
        ),
        "cues": (
            lines(
                "A short, quick dip: load the spring",
                "Land softly and quietly",
                "Knees in line with the feet",
                "Step down; do not jump down",
            ),
            lines(
                "Korte, snelle dip: span de veer",
                "Land zacht en stil",
                "Knieën in lijn met je voeten",
                "Stap naar beneden; spring er niet af",
            ),
        ),
        "safety": (
            "Only after passing the level-2 gate. Use a low, stable box that cannot slide "
            "(20-40 cm is enough): the quality of the landing counts, not the height of the "
            "box.",
            "Pas nadat je door de poort van niveau 2 bent. Gebruik een lage, stabiele kist die "
            "niet kan wegschuiven (20-40 cm is genoeg): de kwaliteit van de landing telt, niet "
            "de hoogte van de kist.",
        ),
        "dose_note": ("", ""),
        "source": HIP_SOURCE,
    },
    # Back mobility drills.
    {
        "slug": "hip-flexor-stretch-wall",
        "category": "back",
        "order": 1,
        "dose": {"dose_sets": 2, "dose_seconds": 30},
        "name": ("Hip-flexor stretch against a wall", "Heupflexorstretch langs de muur"),
        "purpose": (
            "Improves the position of your pelvis. Tight hip flexors pull the pelvis forward "
            "and hollow the low back; stretching them takes that pull off the low back.",
            "Verbetert de stand van je bekken. Strakke heupflexoren trekken je bekken naar "
            "voren en maken je onderrug hol; door ze te rekken valt die trek op je onderrug "
            "weg.",
        ),
        "how_to": (
            "Kneel on one knee on a cushion with your back to a wall, the front foot flat in "
            "front of you. Tuck your pelvis under (tailbone down), squeeze the glute of the "
            "kneeling leg and shift your weight gently forward until you feel a stretch at the "
            "front of that hip. For a stronger stretch, move the knee closer to the wall and "
            "rest the back foot up against it. Keep your trunk upright.",
            "Kniel op één knie op een kussen met je rug naar een muur, je voorste voet plat "
            "voor je. Kantel je bekken naar achteren (stuitje omlaag), span de bilspier van "
            "het knielende been aan en breng je gewicht rustig naar voren tot je rek voelt aan "
            "de voorkant van die heup. Voor een sterkere rek zet je je knie dichter bij de "
            "muur en laat je je achterste voet tegen de muur omhoog rusten. Houd je romp "
            "rechtop.",
        ),
        "cues": (
            lines(
                "Tailbone down, no hollow back",
                "Squeeze the glute of the back leg",
                "Trunk upright",
                "Breathe out slowly into the stretch",
            ),
            lines(
                "Stuitje omlaag, geen holle rug",
                "Span de bilspier van het achterste been aan",
                "Romp rechtop",
                "Adem langzaam uit in de rek",
            ),
        ),
        "safety": (
            "You should feel a stretch, not pain. Ease off if you feel it in the low back or "
            "the knee, and use a soft cushion under the knee.",
            "Je hoort rek te voelen, geen pijn. Doe het rustiger aan als je het in je onderrug "
            "of knie voelt en gebruik een zacht kussen onder je knie.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": BACK_SOURCE,
    },
    {
        "slug": "thoracic-rotation",
        "category": "back",
        "order": 2,
        "dose": {"dose_sets": 2, "dose_reps": 8},
        "name": ("Upper-back (thoracic) rotation", "Bovenrugrotatie"),
        "purpose": (
            "Restores rotation in the upper back, so that the low back does not have to twist "
            "along at every stride.",
            "Herstelt de draaibeweging in je bovenrug, zodat je onderrug niet bij elke pas "
            "hoeft mee te draaien.",
        ),
        "how_to": (
            "Lie on your side with hips and knees bent at right angles and both arms stretched "
            "out in front of you, palms together. Keep the knees together on the floor and "
            "open the top arm in an arc to the other side, following your hand with your eyes, "
            "so that the upper back turns. Come back slowly.",
            "Ga op je zij liggen met heupen en knieën in een rechte hoek en beide armen voor "
            "je uitgestrekt, handpalmen op elkaar. Houd je knieën samen op de grond en draai "
            "je bovenste arm in een boog naar de andere kant; volg je hand met je ogen, zodat "
            "je bovenrug draait. Kom rustig terug.",
        ),
        "cues": (
            lines(
                "Knees stay together on the floor",
                "Turn from the upper back, not the low back",
                "Breathe out as you open",
                "Only as far as is comfortable",
            ),
            lines(
                "Knieën blijven samen op de grond",
                "Draai vanuit je bovenrug, niet vanuit je onderrug",
                "Adem uit terwijl je opendraait",
                "Alleen zo ver als prettig is",
            ),
        ),
        "safety": (
            "Move slowly and never force the range: it grows with practice. Stop at sharp "
            "pain.",
            "Beweeg rustig en forceer nooit: de beweeglijkheid groeit met oefenen. Stop bij "
            "scherpe pijn.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": BACK_SOURCE,
    },
    {
        # One exercise for two programmes: a back drill that trail running also asks for.
        "slug": "single-leg-stand",
        "category": "back",
        "secondary_category": "support",
        "order": 3,
        "dose": {"dose_sets": 3, "dose_seconds": 30},
        "name": ("Single-leg stand", "Eenbenige stand"),
        "purpose": (
            "Trains hip and ankle control for uneven ground such as loose sand, roots and "
            "stones, so that the low back does not have to correct every stride. It is also "
            "one of the support exercises for trail running.",
            "Traint de controle over heup en enkel voor een ongelijke ondergrond zoals mul "
            "zand, wortels en stenen, zodat je onderrug niet elke pas hoeft te corrigeren. Het "
            "is ook een van de ondersteunende oefeningen voor trailrunning.",
        ),
        "how_to": (
            "Stand on one leg with a slightly bent knee and a level pelvis, and hold the "
            "position while standing tall. Make it harder step by step: turn your head, close "
            "your eyes, or stand on a cushion or a soft surface.",
            "Sta op één been met een licht gebogen knie en een horizontaal bekken en houd die "
            "houding vast terwijl je lang blijft staan. Maak het stap voor stap moeilijker: "
            "draai je hoofd, sluit je ogen of ga op een kussen of zachte ondergrond staan.",
        ),
        "cues": (
            lines(
                "Pelvis level: the free hip does not drop",
                "Knee soft and in line with the foot",
                "Grip the floor lightly with the whole foot",
                "Stand tall, shoulders relaxed",
            ),
            lines(
                "Bekken horizontaal: de vrije heup zakt niet weg",
                "Knie licht gebogen en in lijn met je voet",
                "Pak de grond licht vast met je hele voet",
                "Sta lang, schouders ontspannen",
            ),
        ),
        "safety": (
            "Stand next to a wall or chair when you make it harder. Move to unstable surfaces "
            "only once standing still on a firm floor is easy.",
            "Sta naast een muur of stoel als je het moeilijker maakt. Ga pas op een instabiele "
            "ondergrond oefenen als stilstaan op een harde vloer makkelijk gaat.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": (
            BACK_SOURCE[0] + "; " + TRAIL_SOURCE[0],
            BACK_SOURCE[1] + "; " + TRAIL_SOURCE[1],
        ),
    },
    {
        "slug": "hip-hinge-glute-activation",
        "category": "back",
        "order": 4,
        "dose": {"dose_sets": 3, "dose_reps": 10},
        "name": ("Hip hinge with glute activation", "Hip hinge met bilactivatie"),
        "purpose": (
            "Teaches the hip movement that spreads load over hips and glutes instead of the "
            "low back. Weak glutes leave too much of the work to the low back.",
            "Leert je de heupbeweging die de belasting verdeelt over heupen en bilspieren in "
            "plaats van over je onderrug. Zwakke bilspieren laten te veel werk over aan je "
            "onderrug.",
        ),
        "how_to": (
            "Stand with your feet hip-width apart and knees slightly bent. Push your hips back "
            "as if closing a door behind you with your bottom, keeping your back long, until "
            "you feel the back of your thighs. Come back up by squeezing your glutes and "
            "bringing the hips forward until you stand tall. A stick along your back, touching "
            "head, upper back and tailbone, helps you feel a neutral back.",
            "Sta met je voeten op heupbreedte en licht gebogen knieën. Duw je heupen naar "
            "achteren alsof je met je billen een deur achter je dichtduwt, met een lange rug, "
            "tot je de achterkant van je bovenbenen voelt. Kom terug omhoog door je bilspieren "
            "aan te spannen en je heupen naar voren te brengen tot je rechtop staat. Een stok "
            "langs je rug, die je hoofd, bovenrug en stuitje raakt, helpt om een neutrale rug "
            "te voelen.",
        ),
        "cues": (
            lines(
                "Hips back, not down",
                "Back long and neutral",
                "Squeeze the glutes to stand up",
                "Do not lean back at the top",
            ),
            lines(
                "Heupen naar achteren, niet omlaag",
                "Rug lang en neutraal",
                "Span je bilspieren aan om omhoog te komen",
                "Hang bovenaan niet achterover",
            ),
        ),
        "safety": (
            "You need no weight to learn the movement. If you feel it in the low back rather "
            "than in glutes and hamstrings, stop and check the position of your back.",
            "Om de beweging te leren heb je geen gewicht nodig. Voel je het in je onderrug in "
            "plaats van in bilspieren en hamstrings, stop dan en controleer de stand van je "
            "rug.",
        ),
        "dose_note": ("", ""),
        "source": BACK_SOURCE,
    },
    {
        "slug": "cat-camel",
        "category": "back",
        "order": 5,
        "dose": {"dose_sets": 2, "dose_reps": 10},
        "name": ("Cat-camel", "Cat-camel (bolle en holle rug)"),
        "purpose": (
            "Restores the suppleness of your spine after running, when the back often feels "
            "stiff.",
            "Maakt je wervelkolom weer soepel na het lopen, wanneer je rug vaak stijf "
            "aanvoelt.",
        ),
        "how_to": (
            "On hands and knees, slowly round your back up towards the ceiling and let your "
            "head hang. Then let the back sink slowly into a gentle hollow while you look up a "
            "little. Move in a calm rhythm with your breathing.",
            "Maak op handen en knieën je rug langzaam bol richting het plafond en laat je "
            "hoofd hangen. Laat je rug daarna langzaam licht hol zakken terwijl je iets omhoog "
            "kijkt. Beweeg in een rustig ritme met je ademhaling mee.",
        ),
        "cues": (
            lines(
                "Move one vertebra at a time",
                "Slow and smooth, no bouncing",
                "Breathe out as you round, in as you hollow",
                "Stay within a comfortable range",
            ),
            lines(
                "Beweeg wervel voor wervel",
                "Langzaam en vloeiend, niet verend",
                "Adem uit bij bol, in bij hol",
                "Blijf binnen een prettig bereik",
            ),
        ),
        "safety": (
            "It should feel easing, not straining. Light nagging discomfort is acceptable; "
            "sharp pain is not, so stop.",
            "Het hoort ontspannend te voelen, niet inspannend. Licht zeurend ongemak mag; "
            "scherpe pijn niet, dus stop dan.",
        ),
        "dose_note": ("", ""),
        "source": BACK_SOURCE,
    },
    # Support strength for trail running (the single-leg stand above is the third).
    {
        "slug": "squat",
        "category": "support",
        "order": 1,
        "dose": {"dose_sets": 3, "dose_reps": 12},
        "name": ("Squat", "Squat (kniebuiging)"),
        "purpose": (
            "Builds strength in thighs, glutes and hips for climbing and for braking on the "
            "way down off-road, and supports ankles, knees and hips on uneven ground.",
            "Bouwt kracht op in bovenbenen, bilspieren en heupen voor het klimmen en het "
            "afremmen bij het dalen op onverhard terrein, en ondersteunt enkels, knieën en "
            "heupen op een ongelijke ondergrond.",
        ),
        "how_to": (
            "Stand with your feet about shoulder-width apart, toes turned out a little. Sit "
            "down and back as if onto a chair, knees following the toes, as deep as you can "
            "with a straight back and heels on the floor. Push back up through the whole foot. "
            "Hold a weight at your chest to make it harder.",
            "Sta met je voeten ongeveer op schouderbreedte, tenen iets naar buiten. Ga naar "
            "beneden en naar achteren zitten alsof je op een stoel gaat zitten, knieën in de "
            "richting van je tenen, zo diep als lukt met een rechte rug en je hielen op de "
            "grond. Duw jezelf via je hele voet weer omhoog. Houd een gewicht voor je borst om "
            "het zwaarder te maken.",
        ),
        "cues": (
            lines(
                "Knees follow the toes",
                "Heels stay on the floor",
                "Chest up, back straight",
                "Push the floor away to stand up",
            ),
            lines(
                "Knieën volgen je tenen",
                "Hielen blijven op de grond",
                "Borst omhoog, rug recht",
                "Duw de vloer weg om omhoog te komen",
            ),
        ),
        "safety": (
            "Start with body weight and a depth you control. Knee pain is a reason to go less "
            "deep.",
            "Begin met je eigen lichaamsgewicht en een diepte die je beheerst. Pijn in de knie "
            "is een reden om minder diep te gaan.",
        ),
        "dose_note": ("", ""),
        "source": TRAIL_SOURCE,
    },
    {
        "slug": "lunge",
        "category": "support",
        "order": 2,
        "dose": {"dose_sets": 3, "dose_reps": 10},
        "name": ("Lunge", "Lunge (uitvalspas)"),
        "purpose": (
            "Strengthens each leg on its own and trains balance in a stride position, as on "
            "uneven paths and descents.",
            "Versterkt elk been afzonderlijk en traint je balans in een spreidstand, zoals op "
            "ongelijke paden en bij het dalen.",
        ),
        "how_to": (
            "Stand tall, take a big step forward and lower until both knees are bent at about "
            "a right angle, the back knee just above the floor. Push off with the front foot "
            "back to standing and switch legs. Walking lunges or weights make it harder.",
            "Sta rechtop, zet een grote stap naar voren en zak tot beide knieën ongeveer in "
            "een rechte hoek staan, je achterste knie net boven de grond. Duw je met je "
            "voorste voet terug naar de beginstand en wissel van been. Wandelende lunges of "
            "gewichten maken het zwaarder.",
        ),
        "cues": (
            lines(
                "Front knee over the middle toes",
                "Trunk upright",
                "Step far enough that the front heel stays down",
                "Control the way down",
            ),
            lines(
                "Voorste knie boven je middelste tenen",
                "Romp rechtop",
                "Stap ver genoeg zodat je voorste hiel op de grond blijft",
                "Beheers de weg naar beneden",
            ),
        ),
        "safety": (
            "Hold a wall or railing if balance is what limits you at first. Shorten the "
            "movement if a knee hurts.",
            "Houd je vast aan een muur of leuning als je balans in het begin de beperking is. "
            "Maak de beweging kleiner als een knie pijn doet.",
        ),
        "dose_note": ("per side", "per kant"),
        "source": TRAIL_SOURCE,
    },
    # Retro running and walking.
    {
        "slug": "retro-walking",
        "category": "retro",
        "order": 1,
        "dose": {"dose_minutes": 5},
        "name": ("Retro walking (walking backward)", "Retro-wandelen (achteruit wandelen)"),
        "purpose": (
            "Loads calves, shins and thighs differently from walking forward and trains "
            "balance, coordination and mobility: low-impact cardio that is also used in "
            "rehabilitation. In studies, 10-15 minutes several times a week improved hamstring "
            "flexibility and balance, and 15 minutes a day reduced back pain in students.",
            "Belast kuiten, scheenbeenspieren en bovenbenen anders dan vooruit wandelen en "
            "traint balans, coördinatie en beweeglijkheid: cardio met weinig impact, die ook "
            "bij revalidatie wordt gebruikt. In onderzoek verbeterden 10-15 minuten, een paar "
            "keer per week, de flexibiliteit van de hamstrings en de balans, en verminderde 15 "
            "minuten per dag de rugpijn van studenten.",
        ),
        "how_to": (
            "Walk backward at an easy pace on a treadmill or a quiet, flat path. Beginners "
            "start with about 5 minutes and build to 10; active people can start with about "
            "20 minutes on a slight incline and build to 30-60 minutes. Add at most about 10 % "
            "a week. On a treadmill, start at about 3 km/h and build to about 4 km/h. The "
            "retro walking progressions show the steps.",
            "Wandel in een rustig tempo achteruit op een loopband of een rustig, vlak pad. "
            "Beginners starten met ongeveer 5 minuten en bouwen op naar 10; actieve mensen "
            "kunnen beginnen met ongeveer 20 minuten op een lichte helling en opbouwen naar "
            "30-60 minuten. Doe er per week hooguit ongeveer 10 % bij. Begin op een loopband "
            "rond 3 km/u en bouw op naar ongeveer 4 km/u. De opbouwschema's voor "
            "retro-wandelen laten de stappen zien.",
        ),
        "cues": (
            lines(
                "Core active",
                "Small steps",
                "Land toes first",
                "Knees slightly bent",
            ),
            lines(
                "Actieve core",
                "Kleine passen",
                "Land eerst op je tenen",
                "Knieën licht gebogen",
            ),
        ),
        "safety": (
            "A treadmill is the easiest place to start because the surroundings are under "
            "control. Outside, choose a quiet, flat path or walk along a railing, with someone "
            "walking with you. Older people and people with balance or vision problems should "
            "practise under supervision. Stop at once if you feel dizzy or feel pain.",
            "Een loopband is de makkelijkste plek om te beginnen, omdat de omgeving dan onder "
            "controle is. Kies buiten een rustig, vlak pad of loop langs een leuning, met "
            "iemand die met je meeloopt. Ouderen en mensen met evenwichts- of "
            "zichtproblemen oefenen onder toezicht. Stop meteen bij duizeligheid of pijn.",
        ),
        "dose_note": (
            "to start; add at most 10 % a week",
            "om te beginnen; doe er per week hooguit 10 % bij",
        ),
        "source": RETRO_WALK_SOURCE,
    },
    {
        "slug": "retro-running",
        "category": "retro",
        "order": 2,
        "dose": {"dose_seconds": 30},
        "name": ("Retro running (running backward)", "Retro running (achteruit hardlopen)"),
        "purpose": (
            "Costs about 30-35 % more energy than running forward at the same effort: a strong "
            "stimulus for heart and lungs and an alternative to hill work. You run more "
            "upright, your knees take less impact, and calves, shins and quadriceps work "
            "harder. It also makes you more aware of posture and technique.",
            "Kost ongeveer 30-35 % meer energie dan vooruit hardlopen bij dezelfde inspanning: "
            "een flinke prikkel voor hart en longen en een alternatief voor heuveltraining. Je "
            "loopt rechterop, je knieën krijgen minder impact en kuiten, scheenbeenspieren en "
            "quadriceps werken harder. Je wordt je ook meer bewust van houding en techniek.",
        ),
        "how_to": (
            "At the end of a normal run, add 30-40 seconds of running backward at an easy "
            "pace. When that feels fine, lengthen the stretch slowly or do several short "
            "repeats. The aim is never a whole session backward: it is a short addition that "
            "teaches your body new movement patterns.",
            "Voeg aan het eind van een gewone loop 30-40 seconden achteruit lopen in een "
            "rustig tempo toe. Voelt dat goed, maak het stuk dan langzaam langer of doe een "
            "paar korte herhalingen. Het doel is nooit een hele training achteruit: het is een "
            "korte toevoeging die je lichaam nieuwe bewegingspatronen leert.",
        ),
        "cues": (
            lines(
                "Look over your shoulder often to check the way",
                "Short, light steps",
                "Stay upright and relaxed",
                "Stop before your form gets sloppy",
            ),
            lines(
                "Kijk vaak over je schouder om de weg te controleren",
                "Korte, lichte passen",
                "Blijf rechtop en ontspannen",
                "Stop voordat je techniek slordig wordt",
            ),
        ),
        "safety": (
            "Choose a place with plenty of room and a good surface: an athletics track, a "
            "quiet, wide bike path or a flat path without obstacles. The risks are tripping "
            "and bumping into someone or something, so keep checking where you are going.",
            "Kies een plek met volop ruimte en een goede ondergrond: een atletiekbaan, een "
            "rustig, breed fietspad of een vlak pad zonder obstakels. De risico's zijn "
            "struikelen en ergens of tegen iemand op botsen, dus blijf controleren waar je "
            "loopt.",
        ),
        "dose_note": (
            "to 40 s, at the end of a run",
            "tot 40 s, aan het eind van een loop",
        ),
        "source": RETRO_RUN_SOURCE,
    },
    # Trail running.
    {
        "slug": "trail-technique",
        "category": "trail",
        "order": 1,
        "dose": {},
        "name": ("Back-friendly trail technique", "Rugvriendelijke traillooptechniek"),
        "purpose": (
            "Spreads the load of hills, bends, roots and loose sand, so that your low back and "
            "ankles do not have to correct every stride.",
            "Verdeelt de belasting van heuvels, bochten, wortels en mul zand, zodat je "
            "onderrug en enkels niet elke pas hoeven te corrigeren.",
        ),
        "how_to": (
            "Run with a slightly shorter stride than on the road and land with your feet under "
            "your hips. Keep the shoulders relaxed and let the arms swing in rhythm. Build up "
            "hill work slowly, with small slopes and short sessions first. Use loose sand now "
            "and then to train stability, not as your base route. Wear shoes with enough grip "
            "and stability.",
            "Loop met een iets kortere pas dan op de weg en land met je voeten onder je "
            "heupen. Houd je schouders ontspannen en laat je armen ritmisch meebewegen. Bouw "
            "heuveltraining rustig op, eerst met kleine hellingen en korte sessies. Gebruik "
            "mul zand af en toe om stabiliteit te trainen, niet als basisroute. Draag schoenen "
            "met voldoende grip en stabiliteit.",
        ),
        "cues": (
            lines(
                "Shorter stride",
                "Feet land under the hips",
                "Relaxed shoulders, arms swinging in rhythm",
                "Loose sand now and then, not on every run",
            ),
            lines(
                "Kortere pas",
                "Voeten landen onder je heupen",
                "Ontspannen schouders, armen bewegen ritmisch mee",
                "Af en toe mul zand, niet bij elke loop",
            ),
        ),
        "safety": (
            "Healthy tiredness afterwards is fine; sharp pain or stiffness that lasts is a "
            "sign to back off. Switching too fast from asphalt to technical trails raises the "
            "risk of sprains, so follow the trail progression.",
            "Gezonde vermoeidheid na afloop is prima; scherpe pijn of stijfheid die aanhoudt "
            "is een teken om gas terug te nemen. Te snel overstappen van asfalt naar "
            "technische paden vergroot de kans op verstuikingen, dus volg het trailschema.",
        ),
        "dose_note": ("on every off-road run", "bij elke onverharde loop"),
        "source": (
            TRAIL_SOURCE[0] + "; " + BACK_SOURCE[0],
            TRAIL_SOURCE[1] + "; " + BACK_SOURCE[1],
        ),
    },
]

HIP_CRITERIA_NEXT = (
    "Three ISO weeks in a row (Monday to Sunday), each with at least two hip sessions and no "
    "session with pain above 2/10. Then the next level is suggested; you or your coach decide "
    "whether to take it, it never happens by itself.",
    "Drie ISO-weken achter elkaar (maandag tot en met zondag), elk met minstens twee "
    "heupsessies en geen sessie met pijn boven 2/10. Dan wordt het volgende niveau "
    "voorgesteld; jij of je coach beslist of je die stap zet, het gebeurt nooit vanzelf.",
)
RETRO_WALK_CRITERIA = (
    "A whole week of walks without dizziness, pain or stumbling. Then add at most about 10 % "
    "a week.",
    "Een hele week wandelingen zonder duizeligheid, pijn of struikelen. Doe er daarna per "
    "week hooguit ongeveer 10 % bij.",
)
TRAIL_CRITERIA = (
    "Two weeks in a row at this step without pain and without an alarm (a sharp-pain or "
    "spike warning).",
    "Twee weken achter elkaar op deze stap zonder pijn en zonder alarm (een waarschuwing "
    "voor scherpe pijn of een piek).",
)

PROGRESSIONS = [
    {
        "slug": "hip-programme",
        "category": "hip",
        "order": 1,
        "name": ("Hip stability programme", "Heupstabiliteitsprogramma"),
        "summary": (
            "Three levels: activation, strength and dynamic landing control. Train twice a "
            "week for 20-30 minutes and make it a little heavier or harder over time, without "
            "aiming for total muscle soreness. It is maintenance, like brushing your teeth. "
            "Strength on its own does not carry over to the way you run, which is why level 3 "
            "trains landings.",
            "Drie niveaus: activatie, kracht en dynamische landingscontrole. Train twee keer "
            "per week 20-30 minuten en maak het na verloop van tijd iets zwaarder of "
            "moeilijker, zonder op totale spierpijn te mikken. Het is onderhoud, net als "
            "tandenpoetsen. Kracht alleen vertaalt zich niet vanzelf naar hoe je loopt; "
            "daarom traint niveau 3 landingen.",
        ),
        "safety": (
            "Control comes before strength: any sign in the hip self-check means starting at "
            "level 1. Nobody starts at level 3. Stop at sharp pain.",
            "Controle gaat voor kracht: elk signaal in de heupcheck betekent beginnen op "
            "niveau 1. Niemand begint op niveau 3. Stop bij scherpe pijn.",
        ),
        "source": HIP_SOURCE,
        "steps": [
            {
                "kind": "strength",
                "minutes": 20,
                "title": ("Level 1: activation", "Niveau 1: activatie"),
                "dose": (
                    "Side plank and fire hydrants: 2 sessions a week of 20-30 minutes",
                    "Zijplank en fire hydrants: 2 sessies per week van 20-30 minuten",
                ),
                "criteria": HIP_CRITERIA_NEXT,
            },
            {
                "kind": "strength",
                "minutes": 20,
                "title": ("Level 2: strength", "Niveau 2: kracht"),
                "dose": (
                    "Split squat, step-up, single-leg Romanian deadlift and lateral step-down: "
                    "2 sessions a week of 20-30 minutes",
                    "Split squat, step-up, eenbenige Roemeense deadlift en lateral step-down: "
                    "2 sessies per week van 20-30 minuten",
                ),
                "criteria": (
                    "The level-2 gate: three ISO weeks in a row at level 2, each with at "
                    "least two hip sessions and no session with pain above 2/10. Only then is "
                    "level 3 suggested, and you or your coach decide whether to take it.",
                    "De poort van niveau 2: drie ISO-weken achter elkaar op niveau 2, elk met "
                    "minstens twee heupsessies en geen sessie met pijn boven 2/10. Pas dan "
                    "wordt niveau 3 voorgesteld, en jij of je coach beslist of je die stap "
                    "zet.",
                ),
            },
            {
                "kind": "strength",
                "minutes": 20,
                "title": ("Level 3: dynamic", "Niveau 3: dynamisch"),
                "dose": (
                    "Skater hops, lateral bound and stick, box jump with pre-tension: "
                    "2 sessions a week of 20-30 minutes",
                    "Skater hops, lateral bound & stick, boxjump met voorspanning: 2 sessies "
                    "per week van 20-30 minuten",
                ),
                "criteria": (
                    "The top level. Keep two sessions a week as maintenance and make the "
                    "exercises a little harder over time.",
                    "Het hoogste niveau. Houd twee sessies per week aan als onderhoud en maak "
                    "de oefeningen na verloop van tijd iets moeilijker.",
                ),
            },
        ],
    },
    {
        "slug": "retro-walking-beginners",
        "category": "retro",
        "order": 1,
        "name": ("Retro walking for beginners", "Retro-wandelen voor beginners"),
        "summary": (
            "For beginners and people in rehabilitation: build from 5 to 10 minutes of walking "
            "backward, adding at most about 10 % a week.",
            "Voor beginners en mensen die revalideren: bouw op van 5 naar 10 minuten "
            "achteruit wandelen, met hooguit ongeveer 10 % erbij per week.",
        ),
        "safety": (
            "Practise on a treadmill or a quiet, flat path, along a railing if you like and "
            "with someone walking with you. With balance or vision problems, practise under "
            "supervision. Stop at once on dizziness or pain.",
            "Oefen op een loopband of een rustig, vlak pad, eventueel langs een leuning en met "
            "iemand die met je meeloopt. Heb je evenwichts- of zichtproblemen, oefen dan onder "
            "toezicht. Stop meteen bij duizeligheid of pijn.",
        ),
        "source": RETRO_WALK_SOURCE,
        "steps": [
            {
                "kind": "walk",
                "minutes": 5,
                "exercise": "retro-walking",
                "title": ("Start: 5 minutes", "Start: 5 minuten"),
                "dose": (
                    "5 minutes of walking backward, several times a week",
                    "5 minuten achteruit wandelen, een paar keer per week",
                ),
                "criteria": RETRO_WALK_CRITERIA,
            },
            {
                "kind": "walk",
                "minutes": 7,
                "exercise": "retro-walking",
                "title": ("Build: 7 minutes", "Opbouw: 7 minuten"),
                "dose": (
                    "About 7 minutes of walking backward, several times a week; at 10 % a week "
                    "you get here about four weeks after the start",
                    "Ongeveer 7 minuten achteruit wandelen, een paar keer per week; met 10 % "
                    "per week ben je hier ongeveer vier weken na de start",
                ),
                "criteria": RETRO_WALK_CRITERIA,
            },
            {
                "kind": "walk",
                "minutes": 10,
                "exercise": "retro-walking",
                "title": ("Goal: 10 minutes", "Doel: 10 minuten"),
                "dose": (
                    "10 minutes of walking backward, several times a week",
                    "10 minuten achteruit wandelen, een paar keer per week",
                ),
                "criteria": (
                    "The goal of this progression. To go further, continue with retro walking "
                    "for active people, still adding at most 10 % a week.",
                    "Het doel van dit schema. Wil je verder, ga dan door met retro-wandelen "
                    "voor actieve mensen, nog steeds met hooguit 10 % erbij per week.",
                ),
            },
        ],
    },
    {
        "slug": "retro-walking-active",
        "category": "retro",
        "order": 2,
        "name": ("Retro walking for active people", "Retro-wandelen voor actieve mensen"),
        "summary": (
            "For active people: start with about 20 minutes on a slight incline and build to "
            "30-60 minutes, adding at most 10 % a week. 60 minutes is the ceiling.",
            "Voor actieve mensen: begin met ongeveer 20 minuten op een lichte helling en bouw "
            "op naar 30-60 minuten, met hooguit 10 % erbij per week. 60 minuten is het "
            "maximum.",
        ),
        "safety": (
            "A treadmill keeps the surroundings under control; outside, choose a quiet, flat "
            "path. Stop at once on dizziness or pain.",
            "Op een loopband heb je de omgeving onder controle; kies buiten een rustig, vlak "
            "pad. Stop meteen bij duizeligheid of pijn.",
        ),
        "source": RETRO_WALK_SOURCE,
        "steps": [
            {
                "kind": "walk",
                "minutes": 20,
                "exercise": "retro-walking",
                "title": ("Start: 20 minutes on a slight incline", "Start: 20 minuten op een lichte helling"),
                "dose": (
                    "About 20 minutes of walking backward on a slight incline",
                    "Ongeveer 20 minuten achteruit wandelen op een lichte helling",
                ),
                "criteria": (
                    "A whole week that felt easy, without pain or balance problems. Then add at "
                    "most 10 % a week: from 20 minutes, that is 22.",
                    "Een hele week die makkelijk voelde, zonder pijn of balansproblemen. Doe er "
                    "daarna per week hooguit 10 % bij: vanaf 20 minuten is dat 22.",
                ),
            },
            {
                "kind": "walk",
                "minutes": 30,
                "exercise": "retro-walking",
                "title": ("30 minutes", "30 minuten"),
                "dose": (
                    "About 30 minutes of walking backward; at 10 % a week you get here about "
                    "five weeks after the start",
                    "Ongeveer 30 minuten achteruit wandelen; met 10 % per week ben je hier "
                    "ongeveer vijf weken na de start",
                ),
                "criteria": (
                    "A whole week without pain or balance problems; keep adding at most 10 % a "
                    "week.",
                    "Een hele week zonder pijn of balansproblemen; doe er per week nog steeds "
                    "hooguit 10 % bij.",
                ),
            },
            {
                "kind": "walk",
                "minutes": 45,
                "exercise": "retro-walking",
                "title": ("45 minutes", "45 minuten"),
                "dose": (
                    "About 45 minutes of walking backward",
                    "Ongeveer 45 minuten achteruit wandelen",
                ),
                "criteria": (
                    "A whole week without pain or balance problems; keep adding at most 10 % a "
                    "week.",
                    "Een hele week zonder pijn of balansproblemen; doe er per week nog steeds "
                    "hooguit 10 % bij.",
                ),
            },
            {
                "kind": "walk",
                "minutes": 60,
                "exercise": "retro-walking",
                "title": ("60 minutes: the ceiling", "60 minuten: het maximum"),
                "dose": (
                    "At most 60 minutes of walking backward",
                    "Hooguit 60 minuten achteruit wandelen",
                ),
                "criteria": (
                    "The end of this progression: do not go beyond 60 minutes.",
                    "Het einde van dit schema: ga niet verder dan 60 minuten.",
                ),
            },
        ],
    },
    {
        "slug": "retro-walking-treadmill",
        "category": "retro",
        "order": 3,
        "name": ("Retro walking on a treadmill", "Retro-wandelen op de loopband"),
        "summary": (
            "The treadmill keeps the surroundings under control, which makes it the easiest "
            "place to start: begin at about 3 km/h and build to about 4 km/h; a slight incline "
            "is optional. Take the minutes from the beginners' or the active progression.",
            "Op de loopband heb je de omgeving onder controle, en daarom is het de "
            "makkelijkste plek om te beginnen: start rond 3 km/u en bouw op naar ongeveer "
            "4 km/u; een lichte helling is optioneel. De minuten haal je uit het schema voor "
            "beginners of voor actieve mensen.",
        ),
        "safety": (
            "Hold the rails while you get used to it, and use the safety cord if the treadmill "
            "has one. Stop at once on dizziness or pain.",
            "Houd je aan de leuningen vast zolang je moet wennen en gebruik het "
            "veiligheidskoord als de loopband er een heeft. Stop meteen bij duizeligheid of "
            "pijn.",
        ),
        "source": RETRO_WALK_SOURCE,
        "steps": [
            {
                "kind": "walk",
                "speed_kmh": "3.0",
                "surface": "treadmill",
                "exercise": "retro-walking",
                "title": ("3 km/h, flat", "3 km/u, vlak"),
                "dose": (
                    "3 km/h without incline; hold the rails if you need to",
                    "3 km/u zonder helling; houd je zo nodig vast aan de leuningen",
                ),
                "criteria": (
                    "Whole sessions of steady walking without stumbling or pain.",
                    "Hele sessies rustig doorwandelen zonder struikelen of pijn.",
                ),
            },
            {
                "kind": "walk",
                "speed_kmh": "3.5",
                "surface": "treadmill",
                "exercise": "retro-walking",
                "title": ("3.5 km/h", "3,5 km/u"),
                "dose": ("3.5 km/h without incline", "3,5 km/u zonder helling"),
                "criteria": (
                    "Whole sessions of steady walking without stumbling or pain.",
                    "Hele sessies rustig doorwandelen zonder struikelen of pijn.",
                ),
            },
            {
                "kind": "walk",
                "speed_kmh": "4.0",
                "surface": "treadmill",
                "exercise": "retro-walking",
                "title": ("4 km/h", "4 km/u"),
                "dose": ("4 km/h without incline", "4 km/u zonder helling"),
                "criteria": (
                    "The target speed. Add a slight incline only if you want to and the walks "
                    "stay steady and pain-free.",
                    "De doelsnelheid. Voeg alleen een lichte helling toe als je dat wilt en de "
                    "wandelingen rustig en pijnvrij blijven.",
                ),
            },
            {
                "kind": "walk",
                "speed_kmh": "4.0",
                "surface": "treadmill",
                "exercise": "retro-walking",
                "title": ("4 km/h on a slight incline (optional)", "4 km/u op een lichte helling (optioneel)"),
                "dose": ("4 km/h on a slight incline", "4 km/u op een lichte helling"),
                "criteria": (
                    "The end of this progression. Keep the weekly minutes within 10 % more "
                    "than the week before.",
                    "Het einde van dit schema. Houd de minuten per week binnen 10 % meer dan "
                    "de week ervoor.",
                ),
            },
        ],
    },
    {
        "slug": "retro-running",
        "category": "retro",
        "order": 4,
        "name": ("Retro running", "Retro running (achteruit hardlopen)"),
        "summary": (
            "Running backward as a short addition to a normal run: start with a 30-40 second "
            "finisher, then lengthen it slowly or split it into short repeats. The aim is "
            "never a whole session backward.",
            "Achteruit hardlopen als korte toevoeging aan een gewone loop: begin met 30-40 "
            "seconden aan het eind, en maak dat daarna langzaam langer of verdeel het over "
            "korte herhalingen. Het doel is nooit een hele training achteruit.",
        ),
        "safety": (
            "Only in safe places: an athletics track, a quiet, wide bike path or a flat path "
            "without obstacles. Tripping and collisions are the risks, so keep checking where "
            "you are going.",
            "Alleen op veilige plekken: een atletiekbaan, een rustig, breed fietspad of een "
            "vlak pad zonder obstakels. Struikelen en botsen zijn de risico's, dus blijf "
            "controleren waar je loopt.",
        ),
        "source": RETRO_RUN_SOURCE,
        "steps": [
            {
                "kind": "run",
                "backward_seconds": 30,
                "surface": "track",
                "exercise": "retro-running",
                "title": ("Finisher: 30-40 seconds", "Afsluiter: 30-40 seconden"),
                "dose": (
                    "30-40 s of running backward at an easy pace at the end of a run",
                    "30-40 s achteruit hardlopen in een rustig tempo aan het eind van een loop",
                ),
                "criteria": (
                    "It feels fine: steps under control, no stumbling and no pain, for a few "
                    "runs.",
                    "Het voelt goed: passen onder controle, niet struikelen en geen pijn, een "
                    "paar lopen lang.",
                ),
            },
            {
                "kind": "run",
                "backward_seconds": 60,
                "surface": "track",
                "exercise": "retro-running",
                "title": ("A longer stretch: up to 1 minute", "Een langer stuk: tot 1 minuut"),
                "dose": (
                    "One stretch of up to about 60 s backward at the end of a run",
                    "Eén stuk van hooguit ongeveer 60 s achteruit aan het eind van een loop",
                ),
                "criteria": (
                    "Lengthen slowly: at most about 10 % more backward time a week. Move on "
                    "when it stays under control and pain-free.",
                    "Maak het langzaam langer: per week hooguit ongeveer 10 % meer tijd "
                    "achteruit. Ga verder als het beheerst en pijnvrij blijft.",
                ),
            },
            {
                "kind": "run",
                "backward_seconds": 90,
                "surface": "track",
                "exercise": "retro-running",
                "title": ("Short repeats", "Korte herhalingen"),
                "dose": (
                    "3 x 30 s backward, with easy forward jogging in between",
                    "3 x 30 s achteruit, met rustig vooruit dribbelen ertussen",
                ),
                "criteria": (
                    "The end point. Keep it to a few short repeats or one short stretch: never "
                    "a whole session backward.",
                    "Het eindpunt. Houd het bij een paar korte herhalingen of één kort stuk: "
                    "nooit een hele training achteruit.",
                ),
            },
        ],
    },
    {
        "slug": "trail",
        "category": "trail",
        "order": 1,
        "name": ("From road to trail", "Van de weg naar het bos"),
        "summary": (
            "From wide forest paths, to sand roads and heath, to singletracks; and from one to "
            "two off-road runs a week. Take each step only when the previous one was free of "
            "pain and alarms, and add squats, lunges and single-leg stands to support ankles, "
            "knees and hips.",
            "Van brede bospaden, via zandwegen en heide, naar singletracks; en van één naar "
            "twee onverharde lopen per week. Zet elke stap pas als de vorige vrij was van pijn "
            "en alarmen, en voeg squats, lunges en eenbenige stand toe om enkels, knieën en "
            "heupen te ondersteunen.",
        ),
        "safety": (
            "Switching too fast from asphalt to technical trails raises the risk of sprains. "
            "Wear shoes with grip. Healthy tiredness is fine; sharp pain or lasting stiffness "
            "means back off.",
            "Te snel overstappen van asfalt naar technische paden vergroot de kans op "
            "verstuikingen. Draag schoenen met grip. Gezonde vermoeidheid is prima; scherpe "
            "pijn of aanhoudende stijfheid betekent gas terugnemen.",
        ),
        "source": TRAIL_SOURCE,
        "steps": [
            {
                "kind": "run",
                "surface": "forest_path",
                "runs_per_week": 1,
                "exercise": "trail-technique",
                "title": ("One run a week on wide forest paths", "Eén loop per week op brede bospaden"),
                "dose": (
                    "1 short off-road run a week on wide, clear forest paths; your other runs "
                    "as usual",
                    "1 korte onverharde loop per week op brede, overzichtelijke bospaden; je "
                    "andere lopen zoals gewoonlijk",
                ),
                "criteria": TRAIL_CRITERIA,
            },
            {
                "kind": "run",
                "surface": "forest_path",
                "runs_per_week": 2,
                "exercise": "trail-technique",
                "title": ("Two runs a week on wide forest paths", "Twee lopen per week op brede bospaden"),
                "dose": (
                    "2 off-road runs a week on wide, clear forest paths",
                    "2 onverharde lopen per week op brede, overzichtelijke bospaden",
                ),
                "criteria": TRAIL_CRITERIA,
            },
            {
                "kind": "run",
                "surface": "sand_road",
                "runs_per_week": 2,
                "exercise": "trail-technique",
                "title": ("Sand roads and heath", "Zandwegen en heide"),
                "dose": (
                    "2 off-road runs a week, now also on sand roads and heath; loose sand only "
                    "now and then",
                    "2 onverharde lopen per week, nu ook over zandwegen en heide; mul zand "
                    "alleen af en toe",
                ),
                "criteria": TRAIL_CRITERIA,
            },
            {
                "kind": "run",
                "surface": "singletrack",
                "runs_per_week": 2,
                "exercise": "trail-technique",
                "title": ("Singletracks", "Singletracks"),
                "dose": (
                    "2 off-road runs a week, including technical singletracks with roots, "
                    "stones and bends",
                    "2 onverharde lopen per week, ook over technische singletracks met "
                    "wortels, stenen en bochten",
                ),
                "criteria": (
                    "The last step. From here, raise distance and difficulty gradually, and "
                    "back off at sharp pain or lasting stiffness.",
                    "De laatste stap. Verhoog vanaf hier afstand en moeilijkheid geleidelijk, "
                    "en neem gas terug bij scherpe pijn of aanhoudende stijfheid.",
                ),
            },
        ],
    },
]


def translated(item, names):
    values = {}
    for name in names:
        english, dutch = item[name]
        values[name] = english
        values[f"{name}_en"] = english
        values[f"{name}_nl"] = dutch
    return values


def load_catalogue(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    Progression = apps.get_model("exercises", "Progression")
    ProgressionStep = apps.get_model("exercises", "ProgressionStep")

    exercises = {}
    for item in EXERCISES:
        exercise, _created = Exercise.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "category": item["category"],
                "secondary_category": item.get("secondary_category", ""),
                "level": item.get("level"),
                "order": item["order"],
                **item["dose"],
                **translated(item, EXERCISE_TEXTS),
            },
        )
        exercises[exercise.slug] = exercise

    for item in PROGRESSIONS:
        progression, _created = Progression.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "category": item["category"],
                "order": item["order"],
                **translated(item, PROGRESSION_TEXTS),
            },
        )
        progression.steps.all().delete()
        for number, step in enumerate(item["steps"], start=1):
            ProgressionStep.objects.create(
                progression=progression,
                number=number,
                kind=step["kind"],
                minutes=step.get("minutes"),
                backward_seconds=step.get("backward_seconds"),
                speed_kmh=step.get("speed_kmh"),
                surface=step.get("surface", ""),
                runs_per_week=step.get("runs_per_week"),
                exercise=exercises.get(step.get("exercise", "")),
                **translated(step, STEP_TEXTS),
            )


def unload_catalogue(apps, schema_editor):
    apps.get_model("exercises", "Progression").objects.filter(
        slug__in=[item["slug"] for item in PROGRESSIONS]
    ).delete()
    apps.get_model("exercises", "Exercise").objects.filter(
        slug__in=[item["slug"] for item in EXERCISES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0002_exercise_secondary_category"),
    ]

    operations = [
        migrations.RunPython(load_catalogue, unload_catalogue),
    ]
