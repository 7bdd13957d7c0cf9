"""Build the given-name lists the de-identifier uses (``src/attunement/resources/deid/``).

Sources, all open:

* the 1990 US Census lists of frequently occurring first names (public domain; as packaged in
  the MIT-licensed ``names`` 0.3.0 sdist: ``names/dist.female.first``, ``names/dist.male.first``);
* a supplement written by the team below: names common in Britain, Ireland, South Asia, West and
  East Africa, the Arab world, East Asia, Eastern Europe and Latin America, and names given since
  1990, which the census lists lack;
* Webster's Second International word list (``web2``, via the MIT-licensed ``english-words``
  package), to mark the names that are also everyday lower-case words (will, hope, mark, ivy…);
* the 30,000 most frequent English words of ``wordfreq`` (Apache-2.0 code; data CC BY-SA 4.0),
  less the given names that are not everyday words, as the words a capitalised unknown word is
  not (a capitalised word outside this list is probably a name).

Usage (needs ``pip install english-words wordfreq`` and the ``names`` sdist unpacked somewhere)::

    python scripts/build_name_lists.py path/to/names-0.3.0/names

Writes ``given_names.txt`` (every name, lower case, one per line), ``name_words.txt`` (the names
that are also words, plus the hand-added modern words below) and ``common_words.txt``.
Deterministic for given package versions.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "attunement" / "resources" / "deid"

SUPPLEMENT = """
aoife saoirse siobhan niamh ciara caoimhe clodagh orla orlaith roisin sinead grainne eimear aisling deirdre
oisin cillian cian ciaran padraig padraic seamus eoin eamon eamonn darragh ruairi rory fionn finn conor
niall donal declan fergal diarmuid tadhg sorcha muireann nuala
imogen isla freya harriet poppy millie tilly evie phoebe esme ottilie florence beatrix matilda maisie
elsie ivy willow rosie lottie hattie libby immy izzy izzie immie bea
alfie archie oscar hugo rufus jasper barnaby tristan crispin rupert hamish angus ewan fraser callum
lachlan struan alistair alasdair torquil euan kirsty morag fiona mhairi eilidh catriona shona
kayden jayden aiden aidan brayden hayden nevaeh harper madison mackenzie brooklyn addison peyton
skylar skyler kinsley paisley aubrey ezra asher kai zion jaxon jaxson mason liam noah elijah logan
luca leo theo arlo milo ollie olly freddie reggie teddy ronnie stevie charlie jamie jodie kelsey
priya pooja anjali ananya aishwarya deepika divya kavya lakshmi meera nisha radha rekha shreya sunita
anita asha geeta gita kiran neha ritu sanjana shanti sita swati usha vidya
arjun rahul rohan ravi raj rajesh sanjay suresh vikram vijay amit anil ajay deepak manoj nikhil pranav
sachin sunil vivek aarav ishaan kabir krishna harpreet gurpreet manpreet jaspreet simran navdeep
mohammed muhammad mohammad ahmed ahmad ali omar hassan hussein hussain ibrahim yusuf yousef khalid
tariq imran faisal bilal hamza zain zayn karim rashid samir nabil amir amira yasmin yasmine fatima
aisha ayesha khadija zainab maryam mariam noor nour layla leila salma huda hana rania dina rana
farah samira nadia soraya zahra shirin parisa reza arash dariush babak
chidi chidinma chiamaka chioma chinedu chukwuemeka emeka obinna nkechi ngozi adaeze amara amarachi
oluwaseun seun tunde babatunde adebayo ayodele folake funmilayo funmi kehinde taiwo yetunde bisi
kwame kofi kojo kwabena yaw ama akosua abena efua esi adwoa ekow nana kweku
tendai tatenda farai rudo chipo tinashe thandiwe thandi sipho themba lerato naledi zanele busisiwe
wanjiru wanjiku njeri kamau otieno achieng akinyi auma baraka imani zawadi amani nia
wei xin xiao ying li mei lin jing hui yan ling fang hong jun hao jie ming tao yu zhang chen
hiroshi takeshi kenji yuki yuko haruka sakura aiko akiko keiko yoshi hana kaito ren sora
minji jiwoo seojun jiyeon soo min hyun jin eun ji yeon sung kyung
aleksandra aleksander oleksandr olena oksana ola olek kasia katarzyna magda magdalena malgorzata
agnieszka dorota ewa joanna marta monika zofia zosia krzysztof piotr pawel tomasz wojciech lukasz
marek jakub kuba bartek grzegorz janusz irina natalia natasha svetlana tatiana tanya olga galina
ludmila dmitri dmitry sergei sergey vladimir vlad ivan yuri andrei alexei mikhail misha nikolai kolya
bogdan radu ionut andreea ioana mihai catalina milica jelena dragan goran zoran dusan
alejandro alejandra carlos carla diego javier jorge jose juan luis miguel pablo rafael santiago
sofia valentina camila lucia ximena guadalupe lupe rosario consuelo dolores marisol pilar beatriz
esperanza inmaculada paloma mercedes yolanda xiomara yesenia guillermo ignacio joaquin rodrigo
francisco paco pepe chema nacho mateo thiago emiliano gael
siddharth aditya anushka tanvi mehul hemant dev devika jyoti parveen
saskia anouk femke sanne joost bram sven lars nils ingrid astrid sigrid bjorn mette freja
dagmar heike jurgen klaus dieter ute birgit katrin anke silke ilse
"""

# Everyday words that are also names but are missing from web2 (it is from 1934).
MODERN_WORDS = """ok okay yeah hang bless sky skye chance dash hunter reed amber honey summer
storm river rain sunny happy lucky rocky ace max wing kit jack""".split()


# Census "names" that in speech are almost always words: never taken for a given name.
NOT_GIVEN = set("""in my an so see many man long season young else soon major son song america miss ok page china
india king star guy love""".split())


def main(census_dir: str) -> None:
    from english_words import get_english_words_set

    words = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()} | set(MODERN_WORDS)
    names = set(SUPPLEMENT.split())
    for sex in ("female", "male"):
        for line in (Path(census_dir) / f"dist.{sex}.first").read_text().splitlines():
            if line.strip():
                names.add(line.split()[0].lower())
    names = {n for n in names if n.isalpha() and len(n) > 1} - NOT_GIVEN
    OUT.mkdir(parents=True, exist_ok=True)
    header = "# Generated by scripts/build_name_lists.py; do not edit by hand.\n"
    (OUT / "given_names.txt").write_text(header + "\n".join(sorted(names)) + "\n")
    (OUT / "name_words.txt").write_text(header + "\n".join(sorted(n for n in names if n in words)) + "\n")
    from wordfreq import top_n_list

    common = {w for w in top_n_list("en", 30000) if w.isalpha()} - (names - words)
    (OUT / "common_words.txt").write_text(header + "\n".join(sorted(common)) + "\n")
    print(f"{len(names)} names, {sum(n in words for n in names)} of them also words; {len(common)} common words")


if __name__ == "__main__":
    main(*sys.argv[1:])
