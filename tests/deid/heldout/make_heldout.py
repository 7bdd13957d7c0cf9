#!/usr/bin/env python3
"""Build the held-out synthetic de-identification evaluation set.

Writes, next to this file:
  heldout.jsonl  one synthetic therapy exchange per line, with gold identifier spans
  README.md      description, conventions and counts (regenerated from the data)

This set was written separately from the first set (../sessions.jsonl) and
without looking at the de-identification code or its recognisers, so that it
can serve as a held-out test set.  The file format and annotation conventions
are those of ../README.md.

Every person, place, number, address and account below is invented.  Phone
numbers use reserved fictional ranges (US 555-01xx, UK Ofcom drama ranges
07700 900xxx, 0113 496 0xxx, 0808 157 0xxx), IP addresses use the RFC 5737
documentation ranges, and e-mail / web addresses use example.* domains.

Offsets are computed here by searching each utterance for the n-th whole-word,
case-sensitive occurrence of the span text, then asserted.  The script is
deterministic: run it again and the output is byte-for-byte identical.

    python3 tests/deid/heldout/make_heldout.py
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ["PERSON", "LOCATION", "DATE", "AGE_OVER_89", "PHONE", "EMAIL", "URL", "ID", "OTHER"]
NUMBER_LIKE = ("PHONE", "ID", "EMAIL", "URL", "OTHER", "AGE_OVER_89")

# --- tricky-case tags for identifiers (written into the "note" field) ---------
# added by hand
CW = "name that is also a common word"
NICK = "nickname/diminutive of a full name used in the same exchange"
VAR = "variant/misspelling of a name used in the same exchange"
PHONETIC = "phonetic respelling of a name"
SPELLNAME = "name spelled out letter by letter"
TRUNC = "truncated/garbled name"
SAMELIKE = "near-identical name belonging to a different person"
FULL = "full name (given name + surname)"
SURNAME = "surname only, no title"
POSS = "name in possessive ('s excluded)"
CONTR = "name followed by contraction 's (excluded)"
REPORTED = "name in reported speech"
COLLEAGUE = "therapist's colleague"
HYPHEN = "hyphenated name"
APOS = "name with an apostrophe (O')"
PLACENAME = "person name that is also a place name"
NAMEPLACE = "place name that is also a person name / common word"
SPOKEN = "spoken digits"
DOUBLE = "spoken digits with 'double'/'oh'"
SPELLED = "spelled-out email/URL (dot/at/slash)"
PHONALPHA = "phonetic-alphabet word inside the span"
ADDR = "street address"
POSTCODE = "address with postcode"
STREET = "street/road name"
INTERSECTION = "street intersection"
WORKPLACE = "named workplace/school/university"
FACILITY = "named hospital/care home/clinic/church"
NEGLOC = "place named only to say it is not there"
DISTRICT = "district/neighbourhood"
REL = "relative but specific date"
DOM = "day-of-month only"
MONTH = "month only (event month)"
BIRTH = "birth date"
NUMDATE = "numeric date"
SPOKENDATE = "spoken date"
HOLIDAYDATE = "date that is also a holiday name"
WORDAGE = "age in words"
NUMAGE = "age in digits"
AGE90 = "age exactly 90 (boundary)"
ORDAGE = "age as an ordinal birthday"
PARTIAL = "partial number (last digits)"
MISSPOKEN = "misspoken, corrected in the same breath"
HANDLE = "social media handle"
PLATE = "vehicle plate"
SERIAL = "device serial"
IP = "IP address"
FAX = "fax number"
INTL = "toll-free / 1-800 format"
PARENS = "phone with area code in parentheses"
DOTS = "phone with dots"
# added automatically, see annotate()
FIRST = "first name only"
TITLE = "name after a title (title excluded from span)"
KINNAME = "name after a kinship/relationship word"
SENT = "name at sentence start"
LOWER = "lowercase in transcript"
NONASCII = "non-ASCII letter in span"
ENDPUNCT = "followed by a full stop that is not part of the span"

# --- negative (do-not-mark) categories: checked here, reported in README -------
KIN = "kinship term (Mum, Nan, Auntie, Baba, Bibi-ji...)"
CWORD = "common word that is also a name, used as a word (will, joy, frank...)"
AGE = "age under 90"
AGE89 = "age exactly 89 (boundary)"
WEEKDAY = "weekday not tied to a date"
YEAR = "year alone"
HOLIDAY = "holiday / festival (Easter, Eid, fourth of july...)"
ORG = "organisation/brand/service/abbreviation (NHS, AA, Tesco, TikTok...)"
GEO = "country, state or province"
NATION = "nationality/language adjective"
QTY = "duration, quantity or dose"
SCORE = "clinical scale score / rating"
TIME = "time of day"
PET = "pet's name (not a person)"
RELIG = "religious term (God, Alhamdulillah)"
EMERG = "emergency number (999)"

TITLES = {"Dr.", "dr", "Mr.", "Mrs.", "Ms.", "ms", "Miss", "PC", "DC", "Sergeant",
          "Pastor", "Father", "Judge", "judge"}
KINWORDS = {"nan", "nana", "nanny", "gran", "granny", "auntie", "aunty", "aunt", "uncle",
            "brother", "sister", "wife", "husband", "cousin", "son", "daughter", "partner",
            "girlfriend", "boyfriend", "ex", "missus", "mum", "mom", "dad", "mother",
            "father", "comadre"}


def T(text):
    return ("Therapist", text)


def C(text):
    return ("Client", text)


def I(u, text, typ, *notes, n=1):
    assert typ in TYPES, typ
    return {"u": u, "text": text, "type": typ, "notes": list(notes), "n": n}


def N(u, text, cat, n=1):
    return {"u": u, "text": text, "cat": cat, "n": n}


EXCHANGES = []


def ex(topic, utts, ids, negs=()):
    EXCHANGES.append({"topic": topic, "utts": utts, "ids": ids, "negs": list(negs)})


# ============================================================================
ex("grief for a grandmother (Irish family)", [
    T("Where would you like to start today?"),
    C("Um, with my nan, I suppose. Nan Bridget, well, everyone called her Bridie, she passed on the 11th of February at St. Columba's Hospice in Drogheda."),
    T("I'm so sorry. How old was she?"),
    C("Ninety-six. Ninety-six and still doing the crossword in pen. My uncle Declan did a reading at the funeral, and, uh, Father Ó Riain said the mass."),
    T("What was it like hearing Declan read?"),
    C("Hard. And then my cousin Siobhán, she flew in from Boston, she came up to me after and said, 'Niamh, you were her favourite, you know that.' And I just, I fell apart."),
    T("Niamh, it sounds like hearing that let something loose."),
    C("Yeah. Mam says I should be over it by Easter. I'm twenty-nine, I'm not a child."),
    T("Grief doesn't run to a timetable. What would Bridie have said to you now?"),
    C("She'd have said, 'Go 'way out of that, girl, and put the kettle on.'"),
], [
    I(1, "Bridget", "PERSON"),
    I(1, "Bridie", "PERSON", NICK),
    I(1, "11th of February", "DATE"),
    I(1, "St. Columba's Hospice", "LOCATION", FACILITY),
    I(1, "Drogheda", "LOCATION"),
    I(3, "Ninety-six", "AGE_OVER_89", WORDAGE),
    I(3, "Ninety-six", "AGE_OVER_89", WORDAGE, n=2),
    I(3, "Declan", "PERSON"),
    I(3, "Ó Riain", "PERSON"),
    I(4, "Declan", "PERSON"),
    I(5, "Siobhán", "PERSON"),
    I(5, "Boston", "LOCATION"),
    I(5, "Niamh", "PERSON", REPORTED),
    I(6, "Niamh", "PERSON"),
    I(8, "Bridie", "PERSON", NICK),
], [
    N(1, "nan", KIN), N(1, "Nan", KIN), N(7, "Mam", KIN), N(7, "Easter", HOLIDAY),
    N(7, "twenty-nine", AGE),
])

ex("demotion at work (US)", [
    T("You said on the voicemail that things came to a head at work on Thursday."),
    C("Yeah. So my supervisor, Hunter, Hunter Reyes, he calls me into his office in front of everybody and goes, 'Tariq, you're off nights, effective the 1st.'"),
    T("How did that land for you?"),
    C("Like a punch. I've been at Brightwater Distribution for, what, eleven years. Eleven years. And I got three kids, man."),
    T("That's a big change to absorb. What happened next?"),
    C("I called the union rep, Dolores Fuentes, her number's 555-0161, and she said file a grievance. Case number GR-2231-0457. Like that's gonna do anything."),
    T("And at home, how are things?"),
    C("My wife Keisha says we'll figure it out. She's already doing doubles at the Walgreens on Fremont Street, though."),
    T("It sounds like you're carrying a lot of worry about money."),
    C("Yeah. I, I gotta be honest, some nights I sit in the truck in the lot till 2 am. Hunter's truck is always parked right next to mine, plate 8BRK417, and I just stare at it."),
], [
    I(1, "Hunter", "PERSON", CW),
    I(1, "Hunter Reyes", "PERSON", CW, FULL),
    I(1, "Tariq", "PERSON", REPORTED),
    I(1, "1st", "DATE", DOM),
    I(3, "Brightwater Distribution", "LOCATION", WORKPLACE),
    I(5, "Dolores Fuentes", "PERSON", FULL),
    I(5, "555-0161", "PHONE"),
    I(5, "GR-2231-0457", "ID"),
    I(7, "Keisha", "PERSON"),
    I(7, "Fremont Street", "LOCATION", STREET),
    I(9, "Hunter", "PERSON", CW, POSS),
    I(9, "8BRK417", "OTHER", PLATE),
], [
    N(0, "Thursday", WEEKDAY), N(3, "eleven years", QTY), N(3, "Eleven years", QTY),
    N(3, "three kids", QTY), N(7, "Walgreens", ORG), N(9, "2 am", TIME),
])

ex("teenage daughter online (Polish family)", [
    T("You mentioned your daughter before we started."),
    C("Aleksandra, yes. Ola. She is sixteen and she, um, she posts everything. Her account is @ola.maluje, she has like four thousand followers."),
    T("And something she posted worried you?"),
    C("A picture of our front door. You can see the number and the street sign behind, Hawthorn Crescent. Anybody can find us."),
    T("That's a frightening thought. Have you talked with Ola about it?"),
    C("I tried. She says, 'Mamo, nobody cares about Hawthorn Crescent, it's not like we live in Mayfair.'"),
    T("What did you say back to her?"),
    C("I shouted. I'm not proud. My husband Paweł took her side. He says I am like my mother, always worrying. My mother is in Gdańsk, in Poland, she is 91 this year."),
    T("So there is something familiar in this for you."),
    C("Yes. Maybe. Pawel says I should call her more, but we only do Skype, every Sunday at 7 o'clock."),
], [
    I(1, "Aleksandra", "PERSON"),
    I(1, "Ola", "PERSON", NICK),
    I(1, "@ola.maluje", "OTHER", HANDLE),
    I(3, "Hawthorn Crescent", "LOCATION", STREET),
    I(4, "Ola", "PERSON", NICK),
    I(5, "Hawthorn Crescent", "LOCATION", STREET),
    I(5, "Mayfair", "LOCATION", NEGLOC, DISTRICT),
    I(7, "Paweł", "PERSON"),
    I(7, "Gdańsk", "LOCATION"),
    I(7, "91", "AGE_OVER_89", NUMAGE),
    I(9, "Pawel", "PERSON", VAR),
], [
    N(1, "sixteen", AGE), N(1, "four thousand followers", QTY), N(5, "Mamo", KIN),
    N(7, "Poland", GEO), N(9, "Skype", ORG), N(9, "Sunday", WEEKDAY), N(9, "7 o'clock", TIME),
])

ex("coming out to family (ASR lowercase)", [
    T("so how did the the weekend go with your family"),
    C("um yeah it was okay ish my sister anjali came up from leicester with her husband arjun and and aunty kamala was there as well"),
    T("and how was that having everyone in the house"),
    C("honestly loud like really loud aunty kamala kept asking when i'm getting married and anjali just laughed"),
    T("that sounds like it touched something"),
    C("yeah it did i mean i'm thirty four i've been with rowan for like six years and they still don't know"),
    T("do you want to say more about not telling them"),
    C("it's just it's not safe yet you know dr mehta at the clinic said i could ring the lgbt helpline if it got bad she gave me the number oh seven seven double oh nine double oh four one eight"),
    T("did you ring it"),
    C("not yet i've got it saved under rowan's name so nobody sees it"),
], [
    I(1, "anjali", "PERSON"),
    I(1, "leicester", "LOCATION"),
    I(1, "arjun", "PERSON"),
    I(1, "kamala", "PERSON"),
    I(3, "kamala", "PERSON"),
    I(3, "anjali", "PERSON"),
    I(5, "rowan", "PERSON"),
    I(7, "mehta", "PERSON"),
    I(7, "oh seven seven double oh nine double oh four one eight", "PHONE", DOUBLE),
    I(9, "rowan", "PERSON", POSS),
], [
    N(1, "sister", KIN), N(1, "aunty", KIN), N(5, "thirty four", AGE), N(5, "six years", QTY),
    N(7, "lgbt helpline", ORG),
])

ex("friendship triangle (Joy, Grace, Faith)", [
    T("Last week you mentioned your friendships were on your mind."),
    C("Yeah. So there's three of us, me, Joy and Grace, we've been mates since primary. And lately Joy's been, um, cold with me."),
    T("What's changed, do you think?"),
    C("I think it's the baby. Grace had her little boy, Ezekiel, on the 30th of May, and Joy wasn't asked to the christening because of some falling-out I'm not even part of."),
    T("And you're caught in the middle."),
    C("Exactly. It's taken all the joy out of it for me, honestly. I used to love our Friday nights."),
    T("What would you want to say to each of them?"),
    C("To Grace, I'd say, by the grace of God you've got a healthy baby, stop sweating the small stuff. And to Joy, um... I don't know. That I miss her."),
    T("You miss her. Have you told Joy that?"),
    C("No. Faith, that's my mum's cousin, says I should just turn up at Joy's flat on Kelburn Road with a cake from Tesco. Faith's answer to everything is cake."),
    T("And what do you make of that advice?"),
    C("Honestly, I haven't got much faith in cake. But I might do it."),
], [
    I(1, "Joy", "PERSON", CW),
    I(1, "Grace", "PERSON", CW),
    I(1, "Joy", "PERSON", CW, CONTR, n=2),
    I(3, "Grace", "PERSON", CW),
    I(3, "Ezekiel", "PERSON"),
    I(3, "30th of May", "DATE"),
    I(3, "Joy", "PERSON", CW),
    I(7, "Grace", "PERSON", CW),
    I(7, "Joy", "PERSON", CW),
    I(8, "Joy", "PERSON", CW),
    I(9, "Faith", "PERSON", CW),
    I(9, "Joy", "PERSON", CW, POSS),
    I(9, "Kelburn Road", "LOCATION", STREET),
    I(9, "Faith", "PERSON", CW, POSS, n=2),
], [
    N(5, "joy", CWORD), N(5, "Friday", WEEKDAY), N(7, "grace", CWORD), N(7, "God", RELIG),
    N(9, "mum", KIN), N(9, "Tesco", ORG), N(11, "faith", CWORD),
])

ex("brother's drinking (Timothy/Timmy)", [
    T("Quick admin thing first: reception tells me your insurance has changed?"),
    C("Oh, right, yeah. We're on my wife's plan now, through her job. The member ID is XQH884201176."),
    T("Thanks, I'll pass that on to Kendra at the front desk. So, um, how's your brother doing?"),
    C("Timothy? Not great. Timmy's drinking again. He swore after Thanksgiving he was done, and then Saturday he drives all the way over from Nebraska and shows up at my place at, like, eleven at night, wasted."),
    T("That must have been scary."),
    C("It was. My daughter Madison was up, she saw the whole thing. She's nine. She kept saying, 'Uncle Timmy, are you sick?'"),
    T("How did you handle it?"),
    C("I called AA, the meeting he used to go to at First Presbyterian on Alder Street, and they gave me his old sponsor's number. Guy named Walt. 555-0119."),
    T("Did Walt pick up?"),
    C("Yeah. Walt came over, sat with Tim till like 4 in the morning. I'd never even met the guy and he just came."),
], [
    I(1, "XQH884201176", "ID"),
    I(2, "Kendra", "PERSON", COLLEAGUE),
    I(3, "Timothy", "PERSON"),
    I(3, "Timmy", "PERSON", NICK, CONTR),
    I(5, "Madison", "PERSON", PLACENAME),
    I(5, "Timmy", "PERSON", NICK, REPORTED),
    I(7, "First Presbyterian", "LOCATION", FACILITY),
    I(7, "Alder Street", "LOCATION", STREET),
    I(7, "Walt", "PERSON"),
    I(7, "555-0119", "PHONE"),
    I(8, "Walt", "PERSON"),
    I(9, "Walt", "PERSON"),
    I(9, "Tim", "PERSON", NICK),
], [
    N(3, "Thanksgiving", HOLIDAY), N(3, "Saturday", WEEKDAY), N(3, "Nebraska", GEO),
    N(3, "eleven at night", TIME), N(5, "nine", AGE), N(5, "Uncle", KIN), N(7, "AA", ORG),
    N(9, "4 in the morning", TIME),
])

ex("asylum hearing (Nigerian client)", [
    T("You said the Home Office letter arrived."),
    C("Yes. On Tuesday. They want my passport number again, even though I have given it three times. A09917352. I know it by heart now."),
    T("That sounds exhausting, having to keep proving yourself."),
    C("It is. My solicitor, Mrs. Adeyemi-Clarke, says the hearing is on the 17th of October, at the hearing centre in Feltham."),
    T("How are you feeling about it?"),
    C("Scared. If they send me back to Lagos, I don't know. My brother Oluwaseun is there but we have not spoken since Mummy's funeral."),
    T("Tell me about Oluwaseun."),
    C("Seun. Everybody calls him Seun. He was the one who, um, who told my father about me and Kofi. Kofi is, was, my partner. He is Ghanaian, he went back to Kumasi in 2019."),
    T("So there's a lot of loss tied up in going back."),
    C("Yes. Here at least I have the church, and Pastor Emmanuel, and my friend Adaeze from the Lidl on Mitcham Road."),
    T("Adaeze sounds like an important person for you."),
    C("She is. She gave me her number the first week, 07700 900 261, and she said, 'Yinka, you ring me any time, even 3 am.'"),
], [
    I(1, "A09917352", "ID", ENDPUNCT),
    I(3, "Adeyemi-Clarke", "PERSON", HYPHEN),
    I(3, "17th of October", "DATE"),
    I(3, "Feltham", "LOCATION"),
    I(5, "Lagos", "LOCATION"),
    I(5, "Oluwaseun", "PERSON"),
    I(6, "Oluwaseun", "PERSON"),
    I(7, "Seun", "PERSON", NICK),
    I(7, "Seun", "PERSON", NICK, n=2),
    I(7, "Kofi", "PERSON"),
    I(7, "Kofi", "PERSON", n=2),
    I(7, "Kumasi", "LOCATION"),
    I(9, "Emmanuel", "PERSON"),
    I(9, "Adaeze", "PERSON"),
    I(9, "Mitcham Road", "LOCATION", STREET),
    I(10, "Adaeze", "PERSON"),
    I(11, "07700 900 261", "PHONE"),
    I(11, "Yinka", "PERSON", REPORTED),
], [
    N(0, "Home Office", ORG), N(1, "Tuesday", WEEKDAY), N(1, "three times", QTY),
    N(5, "Mummy", KIN), N(7, "Ghanaian", NATION), N(7, "2019", YEAR), N(9, "Lidl", ORG),
    N(11, "3 am", TIME),
])

ex("mother's fall, decisions (Chinese family)", [
    T("Your message said it's your mother's health you want to focus on today."),
    C("Yeah. She had a fall at her flat on Lanyon Street, and now she's in St. Oswin's Infirmary."),
    T("How is she?"),
    C("Her hip's broken. She's ninety. She turned ninety in March, and the surgeon, Dr. Okafor, he said at ninety the operation is risky."),
    T("And who's making the decisions?"),
    C("Me and my brother, Wei. Well, his English name is David, but Mum only ever calls him Wei. He lives in Vancouver, so it's mostly me."),
    T("That's a lot to carry alone. Is there anyone at the hospital you can talk to?"),
    C("The ward sister gave me the family liaison email. It's, um, j dot huang, h-u-a-n-g, at oswins dot example dot org. Jenny Huang."),
    T("Have you emailed Jenny yet?"),
    C("Last night. Her auto-reply says she's off till the 3rd. And my son Jun-ho, his dad's Korean, keeps asking if Grandma's going to die, and I don't know what to tell him."),
], [
    I(1, "Lanyon Street", "LOCATION", STREET),
    I(1, "St. Oswin's Infirmary", "LOCATION", FACILITY),
    I(3, "ninety", "AGE_OVER_89", WORDAGE, AGE90),
    I(3, "ninety", "AGE_OVER_89", WORDAGE, AGE90, n=2),
    I(3, "March", "DATE", MONTH, BIRTH),
    I(3, "Okafor", "PERSON"),
    I(3, "ninety", "AGE_OVER_89", WORDAGE, AGE90, n=3),
    I(5, "Wei", "PERSON"),
    I(5, "David", "PERSON", "alternative name of the same person"),
    I(5, "Wei", "PERSON", n=2),
    I(5, "Vancouver", "LOCATION"),
    I(7, "j dot huang, h-u-a-n-g, at oswins dot example dot org", "EMAIL", SPELLED, ENDPUNCT),
    I(7, "Jenny Huang", "PERSON", FULL),
    I(8, "Jenny", "PERSON"),
    I(9, "3rd", "DATE", DOM),
    I(9, "Jun-ho", "PERSON", HYPHEN),
], [
    N(5, "Mum", KIN), N(9, "Korean", NATION), N(9, "Grandma", KIN),
])

ex("empty nest (Mexican-American mother)", [
    T("How has it been since your son moved out?"),
    C("Quiet. Too quiet. Mateo moved to San Antonio, Texas, with his girlfriend Yesenia in August, and the house feels empty."),
    T("Do you hear from him?"),
    C("Sundays. Sometimes. My husband Joaquín says leave him alone, he's twenty-two. But I'm his mother, you know?"),
    T("Of course. What's it like for you on the days he doesn't call?"),
    C("I call my comadre, Luz. Luz Elena Barragán. She's known Mateo since he was born. She lives on the corner of Ortega and Pinehurst, by the panadería."),
    T("And Luz helps?"),
    C("She makes me laugh. She says, 'Rocío, the birds leave the nest, that's what they're for.'"),
    T("It sounds like part of you knows that, and part of you is grieving."),
    C("Yes. And Mother's Day is coming, and last year he forgot."),
    T("Would it help to let Mateo know how you're feeling?"),
    C("Maybe. I wrote his number on my hand so I don't chicken out. Two one oh, five five five, oh one three eight."),
], [
    I(1, "Mateo", "PERSON"),
    I(1, "San Antonio", "LOCATION"),
    I(1, "Yesenia", "PERSON"),
    I(1, "August", "DATE", MONTH),
    I(3, "Joaquín", "PERSON"),
    I(5, "Luz", "PERSON"),
    I(5, "Luz Elena Barragán", "PERSON", FULL),
    I(5, "Mateo", "PERSON"),
    I(5, "Ortega and Pinehurst", "LOCATION", INTERSECTION),
    I(6, "Luz", "PERSON"),
    I(7, "Rocío", "PERSON", REPORTED),
    I(10, "Mateo", "PERSON"),
    I(11, "Two one oh, five five five, oh one three eight", "PHONE", SPOKEN, ENDPUNCT),
], [
    N(1, "Texas", GEO), N(3, "Sundays", WEEKDAY), N(3, "twenty-two", AGE),
    N(5, "comadre", KIN), N(9, "Mother's Day", HOLIDAY),
])

ex("road accident, PTSD (Arabic names)", [
    T("I've got your referral letter here from Dr. Haddad. Can I just check your NHS number? I have 612 408 3397."),
    C("Yes, that's right. And date of birth, 14/09/1986."),
    T("Thank you, Youssef. So what brought you to see Dr. Haddad?"),
    C("My wife, Rania, she made me go. I haven't been sleeping since the accident on the M62. Four months now."),
    T("Can you tell me a bit about the accident?"),
    C("It was the 2nd of December, near Birch services. A lorry just, um, came across. My cousin Khalid was driving. He's okay, thanks God, but the car was finished."),
    T("And since then?"),
    C("I see it every night. The PHQ-9 the nurse did, I scored 19, she said that's, um, moderately severe? And the GAD-7 was 16."),
    T("Yes, those scores tell us you're carrying a lot. Did anyone mention the insurance claim?"),
    C("Claim reference MTR-5520-8813-K. Khalid is dealing with it, he's better with forms. And Rania's brother, Omar, he's a paralegal in Bradford, he helps."),
    T("It sounds like the family is really rallying round."),
    C("They are. Alhamdulillah. I just want to drive again before Ramadan."),
], [
    I(0, "Haddad", "PERSON"),
    I(0, "612 408 3397", "ID"),
    I(1, "14/09/1986", "DATE", BIRTH, NUMDATE),
    I(2, "Youssef", "PERSON"),
    I(2, "Haddad", "PERSON"),
    I(3, "Rania", "PERSON"),
    I(3, "M62", "LOCATION", STREET),
    I(5, "2nd of December", "DATE"),
    I(5, "Birch services", "LOCATION"),
    I(5, "Khalid", "PERSON"),
    I(9, "MTR-5520-8813-K", "ID", ENDPUNCT),
    I(9, "Khalid", "PERSON"),
    I(9, "Rania", "PERSON", POSS),
    I(9, "Omar", "PERSON"),
    I(9, "Bradford", "LOCATION"),
], [
    N(0, "NHS", ORG), N(3, "Four months", QTY), N(5, "God", RELIG), N(7, "19", SCORE),
    N(7, "16", SCORE), N(11, "Alhamdulillah", RELIG), N(11, "Ramadan", HOLIDAY),
])

ex("group referral, therapist's colleagues", [
    T("Before we finish, I wanted to talk about the referral. My colleague Ingrid Sørensen runs the group on Wednesdays."),
    C("Is that in this building?"),
    T("No, it's at the Larkfield Centre, on Bellamy Street. Ingrid's lovely. She'll ring you from 0113 496 0518."),
    C("Okay. Will it be the same people every week? Because, um, I will not talk in front of a big group."),
    T("Eight people at most. And Dr. Varga, the psychiatrist, will review your medication after the first month."),
    C("The sertraline? I'm on 100 milligrams now. Mark, my GP, well, Dr. Ellison, but everyone calls him Mark, he put it up in January."),
    T("I'll mark that down so Dr. Varga knows."),
    C("Thanks. Sorry, I'm rambling. I saw Shona before you, at the old service, and she never let me ramble."),
    T("You're not rambling. This is what the time is for."),
    C("Okay. Okay. Wednesdays I can do."),
], [
    I(0, "Ingrid Sørensen", "PERSON", COLLEAGUE, FULL),
    I(2, "Larkfield Centre", "LOCATION", FACILITY),
    I(2, "Bellamy Street", "LOCATION", STREET),
    I(2, "Ingrid", "PERSON", COLLEAGUE, CONTR),
    I(2, "0113 496 0518", "PHONE", ENDPUNCT),
    I(4, "Varga", "PERSON", COLLEAGUE),
    I(5, "Mark", "PERSON", CW),
    I(5, "Ellison", "PERSON"),
    I(5, "Mark", "PERSON", CW, n=2),
    I(5, "January", "DATE", MONTH),
    I(6, "Varga", "PERSON", COLLEAGUE),
    I(7, "Shona", "PERSON"),
], [
    N(0, "Wednesdays", WEEKDAY), N(3, "Will", CWORD), N(3, "will", CWORD),
    N(4, "Eight people", QTY), N(5, "100 milligrams", QTY), N(6, "mark", CWORD),
    N(9, "Wednesdays", WEEKDAY),
])

ex("visiting a father aged 102", [
    T("How was your visit to your father?"),
    C("He's a hundred and two, you know. A hundred and two! And still sharper than me. He's at Thornbury Lodge now, in Cheltenham."),
    T("What did you talk about?"),
    C("The war, mostly. And his brother Stanislaus, who died at eighty-nine. Dad still says Stan, uh, Stan quit early just to annoy him."),
    T("You two seem to share a sense of humour."),
    C("We do. The carer there, Precious, she's wonderful with him. She's Zimbabwean, from Bulawayo. She calls him 'Mr. Novak, my darling.'"),
    T("And how are you doing with all the driving?"),
    C("Tired. It's two hours each way from Swansea, and my own hip's not great. I'm seventy-one myself."),
    T("Have you thought about visiting less often?"),
    C("My wife Hania says the same. But at his age, every visit's precious. His birthday's the 4th of July, funnily enough, and I want to be there for that."),
], [
    I(1, "a hundred and two", "AGE_OVER_89", WORDAGE),
    I(1, "A hundred and two", "AGE_OVER_89", WORDAGE),
    I(1, "Thornbury Lodge", "LOCATION", FACILITY),
    I(1, "Cheltenham", "LOCATION"),
    I(3, "Stanislaus", "PERSON"),
    I(3, "Stan", "PERSON", NICK),
    I(3, "Stan", "PERSON", NICK, n=2),
    I(5, "Precious", "PERSON", CW),
    I(5, "Bulawayo", "LOCATION"),
    I(5, "Novak", "PERSON", REPORTED),
    I(7, "Swansea", "LOCATION"),
    I(9, "Hania", "PERSON"),
    I(9, "4th of July", "DATE", BIRTH, HOLIDAYDATE),
], [
    N(3, "eighty-nine", AGE89), N(3, "Dad", KIN), N(5, "Zimbabwean", NATION),
    N(7, "two hours", QTY), N(7, "seventy-one", AGE), N(9, "precious", CWORD),
])

ex("medical bills and an ex (ASR lowercase)", [
    T("okay so um you were saying about the the fundraiser"),
    C("yeah so my buddy dante set up a page for my hospital bills it's like fundraise dot example dot com slash help-andre-m"),
    T("and how does it feel having people see that"),
    C("weird honestly like my ex kayla shared it and i haven't talked to her since like the fourth of july thing"),
    T("mm what do you mean the fourth of july thing"),
    C("we just got into it at her cousin's cookout in tempe and she threw my phone in the pool lol"),
    T("so seeing her share it brought that back"),
    C("yeah and like she messaged me on insta from some new account kayla underscore rae underscore ninety nine"),
    T("andre can i ask how much the bills come to"),
    C("like forty thousand dollars dante said i should just email saint anselm's billing about a payment plan"),
    T("do you have their contact"),
    C("yeah it's a p dot billing at anselm health dot example dot org"),
], [
    I(1, "dante", "PERSON"),
    I(1, "fundraise dot example dot com slash help-andre-m", "URL", SPELLED),
    I(3, "kayla", "PERSON"),
    I(5, "tempe", "LOCATION"),
    I(7, "kayla underscore rae underscore ninety nine", "OTHER", HANDLE, SPOKEN),
    I(8, "andre", "PERSON"),
    I(9, "dante", "PERSON"),
    I(9, "saint anselm's", "LOCATION", FACILITY),
    I(11, "a p dot billing at anselm health dot example dot org", "EMAIL", SPELLED),
], [
    N(3, "fourth of july", HOLIDAY), N(4, "fourth of july", HOLIDAY), N(5, "cousin", KIN),
    N(7, "insta", ORG), N(9, "forty thousand dollars", QTY),
])

ex("safety planning after domestic abuse", [
    T("Let's go through the safety plan together. Who can you call if Shane turns up again?"),
    C("My neighbour, Maureen. Her number's 0113 496 0274. And the police gave me a crime reference, 13/88412/24."),
    T("Good. And is the refuge number in your phone?"),
    C("Yeah, but saved as 'Hairdresser' in case he looks. He knows my passcode. He used to go through my Facebook every night."),
    T("What about the car?"),
    C("He's still got my car. Silver Corsa, registration YK17 OHD. PC Rautenbach said they'd flag it."),
    T("And the kids, do they know what to do?"),
    C("Jaxon does, he's eleven. Summer-Leigh's only four, so she just knows to go to Nanny Pauline's."),
    T("Where does Pauline live?"),
    C("Two streets over, 9 Quarry Bank Terrace. She's Shane's mum, but she's on my side. She's the one who rang 999 on the 22nd."),
    T("That's really important to know."),
    C("Yeah. I never thought Shane's own mum would be the one."),
], [
    I(0, "Shane", "PERSON"),
    I(1, "Maureen", "PERSON"),
    I(1, "0113 496 0274", "PHONE"),
    I(1, "13/88412/24", "ID", ENDPUNCT),
    I(5, "YK17 OHD", "OTHER", PLATE, ENDPUNCT),
    I(5, "Rautenbach", "PERSON"),
    I(7, "Jaxon", "PERSON"),
    I(7, "Summer-Leigh", "PERSON", HYPHEN, CONTR),
    I(7, "Pauline", "PERSON", POSS),
    I(8, "Pauline", "PERSON"),
    I(9, "9 Quarry Bank Terrace", "LOCATION", ADDR),
    I(9, "Shane", "PERSON", POSS),
    I(9, "22nd", "DATE", DOM),
    I(11, "Shane", "PERSON", POSS),
], [
    N(3, "Facebook", ORG), N(5, "Corsa", ORG), N(7, "eleven", AGE), N(7, "four", AGE),
    N(7, "Nanny", KIN), N(9, "mum", KIN), N(9, "999", EMERG), N(11, "mum", KIN),
])

ex("hidden debt (Amber)", [
    T("You mentioned money has been weighing on you."),
    C("Yeah. I, um, I maxed out the Visa. The one ending in 8206. And I took out a loan online, using my social, which, I know."),
    T("How much are we talking?"),
    C("Like twelve grand? Across three cards. My husband Brent doesn't know. He thinks the statements go to his brother's place in Scottsdale."),
    T("What comes up for you when you picture telling Brent?"),
    C("I want to throw up. Honestly. He's gonna say, 'Amber, what the hell.'"),
    T("There's a lot of shame there, Amber."),
    C("Yeah. My sponsor at GA, Roxanne, Roxy, she said call the bank first. The account number's 4418 2270 93, and they gave me a hardship line, 1-800-555-0164."),
    T("That sounds like a good first step. When do you think you'd call?"),
    C("Monday. Before work. Before I lose my nerve. Amber from three years ago would've just hidden it."),
], [
    I(1, "8206", "ID", PARTIAL),
    I(3, "Brent", "PERSON"),
    I(3, "Scottsdale", "LOCATION"),
    I(4, "Brent", "PERSON"),
    I(5, "Amber", "PERSON", CW, REPORTED),
    I(6, "Amber", "PERSON", CW),
    I(7, "Roxanne", "PERSON"),
    I(7, "Roxy", "PERSON", NICK),
    I(7, "4418 2270 93", "ID"),
    I(7, "1-800-555-0164", "PHONE", INTL),
    I(9, "Amber", "PERSON", CW),
], [
    N(1, "Visa", ORG), N(3, "twelve grand", QTY), N(3, "three cards", QTY), N(7, "GA", ORG),
    N(9, "Monday", WEEKDAY), N(9, "three years", QTY),
])

ex("new relationship, old ex (Irish names spelled out)", [
    T("You mentioned your new partner's name last time, and I wasn't sure how to say it."),
    C("Gráinne. Grawn-ya. Everyone gets it wrong. It's G-R-A-I-N-N-E, with the fada on the A."),
    T("Thank you. Gráinne. And how are things with her?"),
    C("Good, actually. Really good. We met at my cousin Ciarán's wedding in Kilkenny, on the 6th of June, and it's been, like, a whirlwind."),
    T("What makes you want to bring it here?"),
    C("Because my ex, Órla, O-R-L-A, no, with the fada, she texted me Sunday night. After eight months of nothing."),
    T("What did Orla say?"),
    C("Just, 'I miss you, Aoife.' That's it. Four words. And I can't stop thinking about it."),
    T("Aoife, it sounds like part of you is being pulled back."),
    C("Yeah. And Orla lives in Tralee now, she works at the credit union on Denny Street, so I'd see her every time I'm home."),
], [
    I(1, "Gráinne", "PERSON"),
    I(1, "Grawn-ya", "PERSON", PHONETIC),
    I(1, "G-R-A-I-N-N-E", "PERSON", SPELLNAME),
    I(2, "Gráinne", "PERSON"),
    I(3, "Ciarán", "PERSON", POSS),
    I(3, "Kilkenny", "LOCATION"),
    I(3, "6th of June", "DATE"),
    I(5, "Órla", "PERSON"),
    I(5, "O-R-L-A", "PERSON", SPELLNAME, MISSPOKEN),
    I(6, "Orla", "PERSON", VAR),
    I(7, "Aoife", "PERSON", REPORTED),
    I(8, "Aoife", "PERSON"),
    I(9, "Orla", "PERSON", VAR),
    I(9, "Tralee", "LOCATION"),
    I(9, "Denny Street", "LOCATION", STREET),
], [
    N(5, "Sunday", WEEKDAY), N(5, "eight months", QTY), N(7, "Four words", QTY),
])

ex("a dying dog (pet names are not persons)", [
    T("You said the week's been rough because of Bella."),
    C("Yeah. She's fourteen, which is old for a Lab. The vet, Dr. Vanterpool, thinks it's her kidneys."),
    T("That's a hard thing to hear."),
    C("My partner Tomasz is being great about it. He's taken Friday off. And Winston, the cat, keeps sleeping in her bed like he knows."),
    T("Animals often do seem to know."),
    C("My daughter Freya wants to have a little funeral in the garden. She made a card that says 'Bella, best girl, 2011 to forever.'"),
    T("How are you preparing Freya?"),
    C("Reading a book her teacher, Miss Ekwueme, lent us. About a badger who dies."),
    T("And you? Who's looking after you?"),
    C("Honestly, Bella was. She got me through the divorce from Gavin. Every morning at dawn she'd be at the door with her lead."),
    T("Then this is a big loss, for you as much as for Freya."),
], [
    I(1, "Vanterpool", "PERSON"),
    I(3, "Tomasz", "PERSON"),
    I(5, "Freya", "PERSON"),
    I(6, "Freya", "PERSON"),
    I(7, "Ekwueme", "PERSON"),
    I(9, "Gavin", "PERSON"),
    I(10, "Freya", "PERSON"),
], [
    N(0, "Bella", PET), N(1, "fourteen", AGE), N(3, "Friday", WEEKDAY), N(3, "Winston", PET),
    N(5, "Bella", PET), N(5, "2011", YEAR), N(9, "Bella", PET), N(9, "dawn", CWORD),
])

ex("son's school and dyslexia (Edinburgh)", [
    T("How did the meeting with the school go?"),
    C("Awful. Mr. McAllister, the head, basically said Callum's the problem. Callum's eleven, he's not a problem, he's dyslexic."),
    T("That sounds really frustrating."),
    C("And the ed psych, Dr. O'Donoghue, can't see him till Tuesday the 9th. At the earliest. And that's way out at the Craigentinny clinic."),
    T("Who else is in Callum's corner?"),
    C("His gran, my mum. And his auntie Mhairi, she's a teacher herself, at Abbeyhill Academy. She says I should put it all in writing."),
    T("That seems sensible. Do you have an email for the school?"),
    C("It's the head's one, r.mcallister@abbeyhill.example.sch.uk. I've drafted it four times."),
    T("What's getting in the way of sending it?"),
    C("Fear, I think. My own school reports all said 'Lorna doesn't apply herself.' I don't want that for him."),
], [
    I(1, "McAllister", "PERSON"),
    I(1, "Callum", "PERSON", CONTR),
    I(1, "Callum", "PERSON", CONTR, n=2),
    I(3, "O'Donoghue", "PERSON", APOS),
    I(3, "Tuesday the 9th", "DATE"),
    I(3, "Craigentinny", "LOCATION", DISTRICT),
    I(4, "Callum", "PERSON", POSS),
    I(5, "Mhairi", "PERSON"),
    I(5, "Abbeyhill Academy", "LOCATION", WORKPLACE),
    I(7, "r.mcallister@abbeyhill.example.sch.uk", "EMAIL", ENDPUNCT),
    I(9, "Lorna", "PERSON", REPORTED),
], [
    N(1, "eleven", AGE), N(5, "gran", KIN), N(5, "mum", KIN), N(7, "four times", QTY),
])

ex("therapist's leave and cover", [
    T("Just so you know, I'm away from the 19th to the 26th. My colleague Dr. Priyanka Raghunathan will be covering."),
    C("Is she nice? I don't do well with new people."),
    T("She is. Priyanka's been here longer than I have. And if you need someone out of hours, the crisis line is 0808 157 0432."),
    C("I always forget that number. Can you write it down? Samaritans is easier, I know that one."),
    T("Of course. I'll put it on the card with Priyanka's name."),
    C("Thanks. It's just, last time you were off, in April, I ended up in A&E at Whitmore General."),
    T("I remember. That was a really hard time. What helped, afterwards?"),
    C("Honestly? The nurse, Ferdinand. Ferdi. He sat with me for ages and talked about his allotment in Walthamstow."),
    T("So having someone steady beside you helped."),
    C("Yeah. I'll give it a go with Dr. Raghunathan. Raghu-something. Sorry."),
], [
    I(0, "19th", "DATE", DOM),
    I(0, "26th", "DATE", DOM),
    I(0, "Priyanka Raghunathan", "PERSON", COLLEAGUE),
    I(2, "Priyanka", "PERSON", COLLEAGUE, CONTR),
    I(2, "0808 157 0432", "PHONE", ENDPUNCT),
    I(4, "Priyanka", "PERSON", COLLEAGUE, POSS),
    I(5, "April", "DATE", MONTH),
    I(5, "Whitmore General", "LOCATION", FACILITY),
    I(7, "Ferdinand", "PERSON"),
    I(7, "Ferdi", "PERSON", NICK),
    I(7, "Walthamstow", "LOCATION", DISTRICT),
    I(9, "Raghunathan", "PERSON", COLLEAGUE),
    I(9, "Raghu", "PERSON", COLLEAGUE, TRUNC),
], [
    N(3, "Samaritans", ORG), N(5, "A&E", ORG),
])

ex("custody hearing (ASR lowercase)", [
    T("so last session we talked about the custody hearing how are you feeling about it"),
    C("nervous it's on february twenty eighth at the family court and the case number is f c two four oh oh eight one three my lawyer ms castellanos says the judge is tough"),
    T("what do you know about the judge"),
    C("judge whitaker um people say he's fair but strict and my ex's lawyer is this guy brandon something"),
    T("and how's valentina doing with all of this"),
    C("she's seven she doesn't really get it she just asks if she can still see her abuela in hialeah on weekends"),
    T("that sounds like a really important relationship for her"),
    C("yeah my mom is everything to her we call her mami and valentina calls her mami too"),
    T("what would you like the judge to understand"),
    C("that i'm clean now like fourteen months clean i go to na meetings at the lutheran church on coral way every tuesday and thursday"),
    T("fourteen months is a real achievement"),
    C("thanks my sponsor denise keeps telling me that too she's got like nineteen years"),
], [
    I(1, "february twenty eighth", "DATE", SPOKENDATE),
    I(1, "f c two four oh oh eight one three", "ID", SPOKEN),
    I(1, "castellanos", "PERSON"),
    I(3, "whitaker", "PERSON"),
    I(3, "brandon", "PERSON"),
    I(4, "valentina", "PERSON"),
    I(5, "hialeah", "LOCATION"),
    I(7, "valentina", "PERSON"),
    I(9, "coral way", "LOCATION", STREET),
    I(11, "denise", "PERSON"),
], [
    N(5, "seven", AGE), N(5, "abuela", KIN), N(7, "mom", KIN), N(7, "mami", KIN),
    N(9, "fourteen months", QTY), N(9, "na", ORG), N(9, "tuesday", WEEKDAY),
    N(9, "thursday", WEEKDAY), N(10, "fourteen months", QTY), N(11, "nineteen years", QTY),
])

ex("school group-chat bullying (Sky, Reed, Dawn)", [
    T("So, Sky, what's been going on at school?"),
    C("Ugh. So there's this group chat, right, and Reed, Reed Fairclough, he's in my form, he posted a screenshot of my, um, my messages to Dawn."),
    T("That must have felt really exposing."),
    C("Yeah. Like the whole of Year 10 saw it. And Dawn's mum rang my mum and now it's this whole thing."),
    T("Where is Dawn in all of this?"),
    C("She's blocked me everywhere. Her TikTok's private now. Before, it was @dawnbreaks_x and I could see everything."),
    T("What did the school do about Reed?"),
    C("Mrs. Adebayo-Lewis, our head of year, said she'd 'deal with it'. Which means nothing. She literally said, 'Skylar, boys will be boys.'"),
    T("How did that sit with you?"),
    C("I wanted to scream. Reed's dad is a governor at Kingsmead, so nothing ever happens to him. I've been getting up before dawn to walk in so I don't see him on the bus."),
    T("That's a lot of effort just to feel safe, Sky."),
    C("Yeah. Sometimes I just stare up at the sky the whole way and count lamp posts."),
], [
    I(0, "Sky", "PERSON", CW, NICK),
    I(1, "Reed", "PERSON", CW),
    I(1, "Reed Fairclough", "PERSON", CW, FULL),
    I(1, "Dawn", "PERSON", CW),
    I(3, "Dawn", "PERSON", CW, POSS),
    I(4, "Dawn", "PERSON", CW),
    I(5, "@dawnbreaks_x", "OTHER", HANDLE),
    I(6, "Reed", "PERSON", CW),
    I(7, "Adebayo-Lewis", "PERSON", HYPHEN),
    I(7, "Skylar", "PERSON", REPORTED),
    I(9, "Reed", "PERSON", CW, POSS),
    I(9, "Kingsmead", "LOCATION", WORKPLACE),
    I(10, "Sky", "PERSON", CW, NICK),
], [
    N(3, "Year 10", QTY), N(3, "mum", KIN), N(5, "TikTok", ORG), N(9, "dad", KIN),
    N(9, "dawn", CWORD), N(11, "sky", CWORD),
])

ex("husband in a care home (Peg/Margaret)", [
    T("Last time you said the paperwork was getting on top of you."),
    C("Oh, it is, love. Since Eric went into Meadowbrook House I've had letters from everyone. The council, the bank, the pension people."),
    T("Would it help to go through some of it together?"),
    C("The bank wants me to set up the direct debit for his fees. Sort code 30-94-57, account 61839024. I've written it on the back of my hand, look. Took me twenty minutes to find the letter."),
    T("That's a lot of numbers to keep track of. How is Eric settling in?"),
    C("He doesn't know me some days. He calls me Maggie, which was his sister. I'm Margaret, but he's always called me Peg."),
    T("That must be painful, Peg."),
    C("It is. We'd have been married sixty years on the 28th of this month."),
    T("Sixty years. Will you do something to mark it?"),
    C("Our son Neville's coming up from Exeter. And Eric's carer, a lovely lad called Kwabena, he said he'd help me bring the cake in."),
    T("That sounds like it could be a special day."),
    C("Eric's ninety-one, love. Every day's special now."),
], [
    I(1, "Eric", "PERSON"),
    I(1, "Meadowbrook House", "LOCATION", FACILITY),
    I(3, "30-94-57", "ID"),
    I(3, "61839024", "ID", ENDPUNCT),
    I(4, "Eric", "PERSON"),
    I(5, "Maggie", "PERSON", SAMELIKE),
    I(5, "Margaret", "PERSON"),
    I(5, "Peg", "PERSON", NICK),
    I(6, "Peg", "PERSON", NICK),
    I(7, "28th of this month", "DATE", REL),
    I(9, "Neville", "PERSON", CONTR),
    I(9, "Exeter", "LOCATION"),
    I(9, "Eric", "PERSON", POSS),
    I(9, "Kwabena", "PERSON"),
    I(11, "Eric", "PERSON", CONTR),
    I(11, "ninety-one", "AGE_OVER_89", WORDAGE),
], [
    N(3, "twenty minutes", QTY), N(5, "sister", KIN), N(7, "sixty years", QTY), N(8, "Sixty years", QTY), N(8, "Will", CWORD),
    N(8, "mark", CWORD),
])

ex("job offer and burnout (Korean-American)", [
    T("You mentioned the new job offer. Where's it at?"),
    C("So, Hargrove & Pike, the law firm in Midtown, offered me the paralegal role. The recruiter, Ji-woo Park, sent everything over from jwpark@talentbridge.example.com last night."),
    T("And how are you feeling about it?"),
    C("Torn. My mom, she's, like, traditional, she wants me to do the LSAT and go to Columbia like my cousin Eun-ji."),
    T("What do you want?"),
    C("Honestly? To sleep. I'm so burnt out. My current boss, Gary, texts me at 6 am. His number's (212) 555-0183, I've literally blocked it twice."),
    T("So the new role might be a way out."),
    C("Maybe. Ji-woo said I should call her back by the 15th. Her direct line is 646.555.0107."),
    T("And what would your mom say if you took it?"),
    C("She'd say, 'Hannah, you're wasting your brain.' She said that when I quit piano, too. I was twelve."),
], [
    I(1, "Hargrove & Pike", "LOCATION", WORKPLACE),
    I(1, "Midtown", "LOCATION", DISTRICT),
    I(1, "Ji-woo Park", "PERSON", HYPHEN, FULL),
    I(1, "jwpark@talentbridge.example.com", "EMAIL"),
    I(3, "Columbia", "LOCATION", WORKPLACE),
    I(3, "Eun-ji", "PERSON", HYPHEN),
    I(5, "Gary", "PERSON"),
    I(5, "(212) 555-0183", "PHONE", PARENS),
    I(7, "Ji-woo", "PERSON", HYPHEN),
    I(7, "15th", "DATE", DOM),
    I(7, "646.555.0107", "PHONE", DOTS, ENDPUNCT),
    I(9, "Hannah", "PERSON", REPORTED),
], [
    N(3, "mom", KIN), N(3, "LSAT", ORG), N(5, "6 am", TIME), N(9, "twelve", AGE),
])

ex("a friend's death, veteran (Wales)", [
    T("You said you've been thinking about your time in the army a lot."),
    C("Yeah. Since Dai died. Dafydd Pryce. We did two tours together. His funeral's Thursday the 12th, in Merthyr."),
    T("I'm so sorry. How did you hear?"),
    C("His missus, Carys, messaged me. She found my number in his phone. Said he'd been struggling ever since Helmand."),
    T("How are you sleeping?"),
    C("I'm not. I'm up at three in the morning, every night. My old service number's still in my head, 25198704, stupid, the things you remember."),
    T("Have you been in touch with anyone from the veterans' services?"),
    C("There's a bloke, Sergeant Moyo, well, ex-sergeant, Tendai, he runs a group at the Legion in Pontypridd. He gave me his mobile, oh seven seven double oh, nine double oh, three five six."),
    T("Do you think you'll go?"),
    C("Maybe after the funeral. Carys wants me to carry him. Dai would've laughed at that, me in a suit."),
    T("It sounds like it matters to you to be there for him."),
    C("It does. He was twenty-six when we met. Mouthy little Welsh sod. Pryce, the lads called him, never Dafydd. Best mate I ever had."),
], [
    I(1, "Dai", "PERSON", NICK),
    I(1, "Dafydd Pryce", "PERSON", FULL),
    I(1, "Thursday the 12th", "DATE"),
    I(1, "Merthyr", "LOCATION"),
    I(3, "Carys", "PERSON"),
    I(5, "25198704", "ID"),
    I(7, "Moyo", "PERSON"),
    I(7, "Tendai", "PERSON"),
    I(7, "Pontypridd", "LOCATION"),
    I(7, "oh seven seven double oh, nine double oh, three five six", "PHONE", DOUBLE, ENDPUNCT),
    I(9, "Carys", "PERSON"),
    I(9, "Dai", "PERSON", NICK),
    I(11, "Pryce", "PERSON", SURNAME),
    I(11, "Dafydd", "PERSON"),
], [
    N(1, "two tours", QTY), N(3, "missus", KIN), N(3, "Helmand", GEO),
    N(5, "three in the morning", TIME), N(7, "Legion", ORG), N(11, "twenty-six", AGE),
    N(11, "Welsh", NATION),
])

ex("international student, father ill (Jordanian)", [
    T("How's the course going?"),
    C("Not well. I failed the stats module and my tutor, Dr. Albrecht, wants a meeting. I have to email her, c.albrecht@northgate.example.ac.uk, with my student number, 21047736."),
    T("What's making it hard?"),
    C("My dad's sick, back home in Amman. My brother Mohammed keeps messaging, saying I should come back. Mo's always been the responsible one."),
    T("And you feel pulled both ways."),
    C("Yes. My flatmate Layla says I'm too hard on myself. She's from Beirut, her family went through the same thing."),
    T("What did Muhammad say in his last message?"),
    C("He said, 'Sami, Baba is asking for you every day.' Baba, that means dad. I haven't been home since Eid. Sometimes I think I should just go back to Jordan."),
    T("Is going back for a while an option?"),
    C("I'd need to sort the visa, my BRP number is ZU8204163, and the university would have to let me interrupt. Layla's helping me write to the international office at Northgate University."),
], [
    I(1, "Albrecht", "PERSON"),
    I(1, "c.albrecht@northgate.example.ac.uk", "EMAIL"),
    I(1, "21047736", "ID", ENDPUNCT),
    I(3, "Amman", "LOCATION"),
    I(3, "Mohammed", "PERSON"),
    I(3, "Mo", "PERSON", NICK, CONTR),
    I(5, "Layla", "PERSON"),
    I(5, "Beirut", "LOCATION"),
    I(6, "Muhammad", "PERSON", VAR),
    I(7, "Sami", "PERSON", REPORTED),
    I(9, "ZU8204163", "ID"),
    I(9, "Layla", "PERSON", CONTR),
    I(9, "Northgate University", "LOCATION", WORKPLACE),
], [
    N(3, "dad", KIN), N(7, "Baba", KIN), N(7, "Baba", KIN, n=2), N(7, "dad", KIN),
    N(7, "Eid", HOLIDAY), N(7, "Jordan", GEO), N(9, "BRP", ORG),
])

ex("long-distance relationship (ASR lowercase, spoken NHS number)", [
    T("right so before we start can i just confirm your nhs number"),
    C("yeah it's four eight five, seven seven seven, three four five six"),
    T("lovely thank you and your date of birth"),
    C("second of the eleventh ninety one"),
    T("great so how have things been since we last spoke"),
    C("um not great my girlfriend mei ling moved back to kuala lumpur for her mum and we're trying long distance"),
    T("and how's that going"),
    C("hard the time difference is like eight hours so i'm up at two am to video call and then i'm wrecked at work"),
    T("where are you working now"),
    C("at the primark in the arndale still and my manager kev keeps giving me lates"),
    T("does kev know what's going on"),
    C("sort of i told him mei ling's mum was ill and he was like oh right anyway"),
], [
    I(1, "four eight five, seven seven seven, three four five six", "ID", SPOKEN),
    I(3, "second of the eleventh ninety one", "DATE", BIRTH, SPOKENDATE),
    I(5, "mei ling", "PERSON", FIRST),
    I(5, "kuala lumpur", "LOCATION"),
    I(9, "arndale", "LOCATION"),
    I(9, "kev", "PERSON"),
    I(10, "kev", "PERSON"),
    I(11, "mei ling", "PERSON", FIRST, POSS),
], [
    N(0, "nhs", ORG), N(5, "mum", KIN), N(7, "eight hours", QTY), N(7, "two am", TIME),
    N(9, "primark", ORG), N(11, "mum", KIN),
])

ex("ex-partner in the accounts (IP addresses, serial)", [
    T("You said you think someone's been getting into your accounts."),
    C("I'm sure of it. Frank, my ex, set up the laptop for me when we lived together on Beacon Hill Road. My friend looked at the login history and there are logins from 203.0.113.158 at times I was fast asleep."),
    T("That sounds frightening."),
    C("It is. To be frank, I'm scared to even turn it on now. The serial on the bottom is C02ZK1ABMD6T. She said to write it down for the police."),
    T("Who's the friend helping you?"),
    C("Oksana. She works in IT at the university. She found a second address too, 198.51.100.212, which she thinks is a VPN."),
    T("Have you reported it?"),
    C("DC Fairweather's got it. She said Frank's solicitor will probably say it was a shared account. Fairweather says that a lot, 'probably'."),
    T("How are you looking after yourself through all this?"),
    C("Staying at my sister Ruth's in Wakefield. Ruth's amazing. Her husband's a pain though, he's glued to his Xbox."),
], [
    I(1, "Frank", "PERSON", CW),
    I(1, "Beacon Hill Road", "LOCATION", STREET),
    I(1, "203.0.113.158", "OTHER", IP),
    I(3, "C02ZK1ABMD6T", "OTHER", SERIAL, ENDPUNCT),
    I(5, "Oksana", "PERSON"),
    I(5, "198.51.100.212", "OTHER", IP),
    I(7, "Fairweather", "PERSON", CONTR),
    I(7, "Frank", "PERSON", CW, POSS),
    I(7, "Fairweather", "PERSON", SURNAME, n=2),
    I(9, "Ruth", "PERSON", POSS),
    I(9, "Wakefield", "LOCATION"),
    I(9, "Ruth", "PERSON", CONTR, n=2),
], [
    N(3, "frank", CWORD), N(5, "VPN", ORG), N(9, "Xbox", ORG),
])

ex("pregnancy loss, due date", [
    T("Thank you for coming in. I know today is a hard day."),
    C("Yeah. It would have been her due date. November 19th."),
    T("Did you and Jordan do anything to mark it?"),
    C("We went to the lake. Jordan wrote her name on a stone. Eliana. We threw it in at Osprey Point, where we got engaged."),
    T("Eliana. That's a beautiful name."),
    C("It means 'God has answered.' Which, I don't know. I'm angry at God right now."),
    T("That makes sense. Were you able to get your records from the hospital?"),
    C("Finally. From Maumee Valley Women's Hospital in Toledo. The MRN was 00483917, and I had to call medical records, like, five times."),
    T("What did reading them bring up?"),
    C("That Dr. Petrosyan wrote 'no fetal heartbeat' at 10:42 am. Like a receipt."),
    T("That sounds so clinical, for something so devastating."),
    C("Jordan's mom keeps saying we're young, we can try again. I'm thirty-eight. I'm not that young."),
], [
    I(1, "November 19th", "DATE"),
    I(2, "Jordan", "PERSON", PLACENAME),
    I(3, "Jordan", "PERSON", PLACENAME),
    I(3, "Eliana", "PERSON"),
    I(3, "Osprey Point", "LOCATION"),
    I(4, "Eliana", "PERSON"),
    I(7, "Maumee Valley Women's Hospital", "LOCATION", FACILITY),
    I(7, "Toledo", "LOCATION"),
    I(7, "00483917", "ID"),
    I(9, "Petrosyan", "PERSON"),
    I(11, "Jordan", "PERSON", PLACENAME, POSS),
], [
    N(2, "mark", CWORD), N(5, "God", RELIG), N(5, "God", RELIG, n=2), N(7, "five times", QTY),
    N(9, "10:42 am", TIME), N(11, "mom", KIN), N(11, "thirty-eight", AGE),
])

ex("performance plan and drinking (portal, policy, claim)", [
    T("Before we get going, did you manage to log into the patient portal?"),
    C("No, the link you sent, portal.northfieldcounseling.example.com, keeps timing out."),
    T("Sorry about that. Try the direct address, www.northfieldcounseling.example.com/intake, and if that fails, email our office manager, Philippa."),
    C("Pip? She already called me about the EAP. My policy number is WLT-0046-7731-2 and the claim is, hold on, C as in Charlie, four four nine, zero one two."),
    T("Okay, I'll note that down. So how's the week been?"),
    C("My boss at Keystone Fabrication, Mr. Dobrowski, put me on a performance plan. He said, quote, 'Luis, your heart isn't in it.'"),
    T("How did you react?"),
    C("I said nothing. Went home, drank a six-pack. My girlfriend Tasha poured the rest down the sink."),
    T("That sounds like it scared Tasha a bit."),
    C("Yeah. She wants me to go to the meetings at Saint Jude's on Lorain Avenue. Tuesdays at 7 pm."),
], [
    I(1, "portal.northfieldcounseling.example.com", "URL"),
    I(2, "www.northfieldcounseling.example.com/intake", "URL"),
    I(2, "Philippa", "PERSON", COLLEAGUE),
    I(3, "Pip", "PERSON", COLLEAGUE, NICK),
    I(3, "WLT-0046-7731-2", "ID"),
    I(3, "C as in Charlie, four four nine, zero one two", "ID", SPOKEN, PHONALPHA, ENDPUNCT),
    I(5, "Keystone Fabrication", "LOCATION", WORKPLACE),
    I(5, "Dobrowski", "PERSON"),
    I(5, "Luis", "PERSON", REPORTED),
    I(7, "Tasha", "PERSON"),
    I(8, "Tasha", "PERSON"),
    I(9, "Saint Jude's", "LOCATION", FACILITY),
    I(9, "Lorain Avenue", "LOCATION", STREET),
], [
    N(3, "EAP", ORG), N(7, "six-pack", QTY), N(9, "Tuesdays", WEEKDAY), N(9, "7 pm", TIME),
])

ex("great-grandmother's 97th (Punjabi family)", [
    T("How was the family gathering?"),
    C("Chaotic, as always. It was Bibi-ji's 97th birthday, she's my great-grandmother, so everyone came to ours, 14 Malvern Close, Smethwick, B66 4RT."),
    T("Ninety-seven, that's quite something."),
    C("She's amazing. She still remembers Partition, she was a teenager. My cousin Harpreet, Harpreet Kaur Sandhu, she's a doctor now, she recorded her telling the whole story."),
    T("What was it like for you being there?"),
    C("Hard, honestly. Because of Jas. Jaswinder. My dad won't even say his name since he married out."),
    T("So Jas wasn't at the gathering."),
    C("He came! That's the thing. He turned up with his wife, Emily, and the baby, and Dad just walked out to the garden. Bibi-ji held the baby, though."),
    T("How did you feel when she did that?"),
    C("I cried. In front of Auntie Pam and everyone. Pam kept saying, 'Simran, beta, it's a happy day.'"),
    T("Will you see Jas again soon?"),
    C("At Vaisakhi, maybe. If Dad lets him into the gurdwara on Soho Road."),
], [
    I(1, "97th", "AGE_OVER_89", NUMAGE, ORDAGE),
    I(1, "14 Malvern Close, Smethwick, B66 4RT", "LOCATION", ADDR, POSTCODE),
    I(2, "Ninety-seven", "AGE_OVER_89", WORDAGE),
    I(3, "Harpreet", "PERSON"),
    I(3, "Harpreet Kaur Sandhu", "PERSON", FULL),
    I(5, "Jas", "PERSON", NICK),
    I(5, "Jaswinder", "PERSON"),
    I(6, "Jas", "PERSON", NICK),
    I(7, "Emily", "PERSON"),
    I(9, "Pam", "PERSON"),
    I(9, "Pam", "PERSON", n=2),
    I(9, "Simran", "PERSON", REPORTED),
    I(10, "Jas", "PERSON", NICK),
    I(11, "Soho Road", "LOCATION", STREET),
], [
    N(1, "Bibi-ji", KIN), N(5, "dad", KIN), N(7, "Dad", KIN), N(7, "Bibi-ji", KIN),
    N(9, "Auntie", KIN), N(9, "beta", KIN), N(10, "Will", CWORD), N(11, "Vaisakhi", HOLIDAY),
    N(11, "Dad", KIN),
])

ex("chronic pain, isolation (Portland)", [
    T("Did the pain clinic get my letter?"),
    C("They say not. Can you fax it again? Their fax is 503-555-0126, attention Dr. Hollingsworth."),
    T("I'll do that today. How's the pain been?"),
    C("Eight out of ten, most days. I'm on gabapentin, 300 milligrams three times a day."),
    T("And your mood?"),
    C("Low. My GAD-7 on the form was 12, I think, and I haven't left the apartment on Burnside since the 3rd."),
    T("Is anyone checking in on you?"),
    C("My neighbor, Grace, no, sorry, Gracie, she's Grace's daughter. Grace moved to Eugene. Gracie brings my groceries."),
    T("That's kind of her. How old is Gracie?"),
    C("Seventeen. She's saving for college. Wants to go to Reed, actually, the college here."),
    T("It sounds like she's a bright spot."),
    C("She is. Her mom's friend Marguerite Okonjo-Bell runs the pain support group, she says I should go, but it's up at OHSU and the bus takes an hour."),
], [
    I(1, "503-555-0126", "PHONE", FAX),
    I(1, "Hollingsworth", "PERSON"),
    I(5, "Burnside", "LOCATION", STREET),
    I(5, "3rd", "DATE", DOM),
    I(7, "Grace", "PERSON", CW),
    I(7, "Gracie", "PERSON", SAMELIKE),
    I(7, "Grace", "PERSON", CW, POSS, n=2),
    I(7, "Grace", "PERSON", CW, n=3),
    I(7, "Eugene", "LOCATION", NAMEPLACE),
    I(7, "Gracie", "PERSON", SAMELIKE, n=2),
    I(8, "Gracie", "PERSON", SAMELIKE),
    I(9, "Reed", "LOCATION", WORKPLACE, NAMEPLACE),
    I(11, "Marguerite Okonjo-Bell", "PERSON", FULL, HYPHEN),
    I(11, "OHSU", "LOCATION", FACILITY),
], [
    N(3, "Eight out of ten", SCORE), N(3, "300 milligrams", QTY), N(5, "12", SCORE),
    N(9, "Seventeen", AGE), N(11, "mom", KIN), N(11, "an hour", QTY),
])

ex("refugee family, host family (Ukrainian)", [
    T("How are you finding the host family?"),
    C("They are kind. Nigel and Fiona. Nigel drives me to the Jobcentre every Wednesday. Fiona is teaching me to bake."),
    T("And how is your son?"),
    C("Oleksandr, he is nine. At school they call him Sasha, or Alex, and he says, 'Mama, I have three names now.'"),
    T("Three names. How do you feel about that?"),
    C("It is funny. But also sad. His father, Dmytro, is still in Kharkiv. Dima calls every night at 9, if there is signal."),
    T("That must be very hard to hold, day after day."),
    C("The hardest was the 24th. Sasha's birthday. Dima could not call, nothing, no news for three days."),
    T("What helped you get through those three days?"),
    C("Fiona. And Tetiana, the other Ukrainian mum at St. Aidan's, the school. She came with vodka and we sat in the garden."),
    T("It sounds like you've found some people here."),
    C("Some. But my visa reference is GWF071844392, and every month I am afraid they will say it has finished."),
], [
    I(1, "Nigel", "PERSON"),
    I(1, "Fiona", "PERSON"),
    I(1, "Nigel", "PERSON", n=2),
    I(1, "Fiona", "PERSON", n=2),
    I(3, "Oleksandr", "PERSON"),
    I(3, "Sasha", "PERSON", NICK),
    I(3, "Alex", "PERSON", NICK),
    I(5, "Dmytro", "PERSON"),
    I(5, "Kharkiv", "LOCATION"),
    I(5, "Dima", "PERSON", NICK),
    I(7, "24th", "DATE", DOM, BIRTH),
    I(7, "Sasha", "PERSON", NICK, POSS),
    I(7, "Dima", "PERSON", NICK),
    I(9, "Fiona", "PERSON"),
    I(9, "Tetiana", "PERSON"),
    I(9, "St. Aidan's", "LOCATION", WORKPLACE),
    I(11, "GWF071844392", "ID"),
], [
    N(1, "Jobcentre", ORG), N(1, "Wednesday", WEEKDAY), N(3, "nine", AGE), N(3, "Mama", KIN),
    N(3, "three names", QTY), N(4, "Three names", QTY), N(5, "at 9", TIME),
    N(7, "three days", QTY), N(8, "three days", QTY), N(9, "Ukrainian", NATION), N(9, "mum", KIN),
])

ex("great-aunt aged 104 and a cousin (Mississippi)", [
    T("Tell me about your great-aunt."),
    C("Aunt Opal. She's a hundred and four. She raised me after Mama passed. Lives out past Tupelo, on County Road 1142."),
    T("A hundred and four. What's she like?"),
    C("Stubborn as a mule. The home health nurse, LaToya, says Opal's the only patient who tells her what to do."),
    T("It sounds like you admire her."),
    C("I do. She's fixing to outlive all of us. Her sister Pearl made it to 101."),
    T("What's worrying you about her?"),
    C("The will. Her will. My cousin Beau, Beauregard, if you can believe it, wants her to sign the farm over to him, and he's been driving her to some lawyer in Memphis."),
    T("That must make you uneasy."),
    C("Uneasy ain't the word. I called the bank and the lady said Opal's checking account, the one ending 5529, had a withdrawal on the 8th I don't know nothing about."),
    T("Have you spoken to Opal directly about it?"),
    C("She just pats my hand and says, 'Darlene, Beau's a good boy.'"),
], [
    I(1, "Opal", "PERSON", CW),
    I(1, "a hundred and four", "AGE_OVER_89", WORDAGE),
    I(1, "Tupelo", "LOCATION"),
    I(1, "County Road 1142", "LOCATION", STREET, ENDPUNCT),
    I(2, "A hundred and four", "AGE_OVER_89", WORDAGE),
    I(3, "LaToya", "PERSON"),
    I(3, "Opal", "PERSON", CW, CONTR),
    I(5, "Pearl", "PERSON", CW),
    I(5, "101", "AGE_OVER_89", NUMAGE, ENDPUNCT),
    I(7, "Beau", "PERSON", NICK),
    I(7, "Beauregard", "PERSON"),
    I(7, "Memphis", "LOCATION"),
    I(9, "Opal", "PERSON", CW, POSS),
    I(9, "5529", "ID", PARTIAL),
    I(9, "8th", "DATE", DOM),
    I(10, "Opal", "PERSON", CW),
    I(11, "Darlene", "PERSON", REPORTED),
    I(11, "Beau", "PERSON", NICK, CONTR),
], [
    N(1, "Aunt", KIN), N(1, "Mama", KIN), N(7, "will", CWORD), N(7, "will", CWORD, n=2),
])


# ============================================================================
def word_pat(needle: str) -> re.Pattern:
    # whole word: not preceded or followed by a (Unicode) letter, digit or _
    return re.compile(r"(?<!\w)%s(?!\w)" % re.escape(needle))


def find_nth(text: str, needle: str, n: int) -> int:
    """Start of the n-th (1-based) whole-word, case-sensitive occurrence."""
    hits = [m.start() for m in word_pat(needle).finditer(text)]
    assert len(hits) >= n, f"{needle!r}: occurrence {n} not found in {text!r}"
    return hits[n - 1]


def annotate(spec, text, start, end):
    notes = list(spec["notes"])
    if ENDPUNCT in notes:
        assert text[end:end + 1] == ".", (spec, "expected a following full stop")
    span = spec["text"]
    before = text[:start].rstrip()
    prev = before.split()[-1] if before.split() else ""
    if spec["type"] == "PERSON":
        if prev in TITLES:
            notes.append(TITLE)
        else:
            if " " not in span and SURNAME not in notes:
                notes.append(FIRST)
            # "my cousin Siobhan", "his father, Dmytro" (but not "daughter. Grace")
            if prev.lower().lstrip("'").rstrip(",") in KINWORDS:
                notes.append(KINNAME)
            if before == "" or before[-1] in ".!?" or before.endswith(" '"):
                notes.append(SENT)
    if spec["type"] == "DATE" and re.search(
            r"(?i)(mon|tues|wednes|thurs|fri|satur|sun)day,? the \d", span):
        notes.append("weekday with day-of-month, no month")
    if spec["type"] in ("PERSON", "LOCATION") and span[0].islower():
        notes.append(LOWER)
    if spec["type"] == "DATE" and re.search(
            r"\b(january|february|march|april|may|june|july|august|september|october|"
            r"november|december|first|second|third|eleventh|twelfth)\b", span):
        notes.append(LOWER)
    if any(ord(ch) > 127 for ch in span):
        notes.append(NONASCII)
    # a full stop right after a number / address is easy to swallow into the span
    if text[end:end + 1] == "." and (spec["type"] in NUMBER_LIKE or re.search(r"\d", span)):
        notes.append(ENDPUNCT)
    # keep a stable order without duplicates
    seen, out = set(), []
    for x in notes:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build():
    records, neg_counter, tag_counter, type_counter = [], Counter(), Counter(), Counter()
    neg_examples = {}
    n_utts = 0
    for k, exd in enumerate(EXCHANGES, 1):
        utts = [{"speaker": s, "text": t} for s, t in exd["utts"]]
        assert 6 <= len(utts) <= 12, (k, len(utts))
        assert utts[0]["speaker"] == "Therapist", k
        for a, b in zip(utts, utts[1:]):
            assert a["speaker"] != b["speaker"], (k, "speakers must alternate")
        for u in utts:
            assert u["text"] == u["text"].strip() and "  " not in u["text"], (k, u["text"])
            assert all(ord(ch) < 0x10000 for ch in u["text"]), (k, "non-BMP character")
            assert '"' not in u["text"], (k, "use single quotes for reported speech")
        n_utts += len(utts)
        spans = []
        for spec in exd["ids"]:
            assert 0 <= spec["u"] < len(utts), (k, spec)
            text = utts[spec["u"]]["text"]
            start = find_nth(text, spec["text"], spec["n"])
            end = start + len(spec["text"])
            assert text[start:end] == spec["text"]
            assert spec["text"] == spec["text"].strip()
            assert spec["text"][-1] not in ".,;:!?'" and spec["text"][0] not in ".,;:!?'", spec
            if spec["type"] == "PERSON":
                assert not spec["text"].endswith("'s"), spec
            item = {"utterance": spec["u"], "start": start, "end": end,
                    "text": spec["text"], "type": spec["type"]}
            notes = annotate(spec, text, start, end)
            if notes:
                item["note"] = "; ".join(notes)
            spans.append(item)
        spans.sort(key=lambda s: (s["utterance"], s["start"]))
        # no duplicates, no overlaps
        for a, b in zip(spans, spans[1:]):
            if a["utterance"] == b["utterance"]:
                assert a["end"] <= b["start"], (k, a, b)
        # every whole-word, case-sensitive occurrence of a gold string in the
        # exchange must be covered by some gold span (no silent unmarked copies)
        for s in spans:
            for ui, u in enumerate(utts):
                for m in word_pat(s["text"]).finditer(u["text"]):
                    ok = any(o["utterance"] == ui and o["start"] <= m.start() and m.end() <= o["end"]
                             for o in spans)
                    assert ok, f"exchange {k}: unmarked occurrence of {s['text']!r} in utterance {ui}"
        # negatives: present, never inside (or overlapping) a gold span
        seen_negs = set()
        for ng in exd["negs"]:
            key = (ng["u"], ng["text"], ng["n"])
            assert key not in seen_negs, (k, ng)
            seen_negs.add(key)
            text = utts[ng["u"]]["text"]
            start = find_nth(text, ng["text"], ng["n"])
            end = start + len(ng["text"])
            for o in spans:
                if o["utterance"] == ng["u"]:
                    assert end <= o["start"] or start >= o["end"], (k, ng, o)
            neg_counter[ng["cat"]] += 1
            neg_examples.setdefault(ng["cat"], [])
            if ng["text"] not in neg_examples[ng["cat"]]:
                neg_examples[ng["cat"]].append(ng["text"])
        for s in spans:
            type_counter[s["type"]] += 1
            for tag in s.get("note", "").split("; "):
                if tag:
                    tag_counter[tag] += 1
        records.append({"id": f"heldout-{k:02d}", "utterances": utts, "identifiers": spans})
    return records, type_counter, tag_counter, neg_counter, neg_examples, n_utts


def non_ascii(records):
    chars = set()
    for r in records:
        for u in r["utterances"]:
            chars.update(ch for ch in u["text"] if ord(ch) > 127)
    return sorted(chars)


def readme(records, type_counter, tag_counter, neg_counter, neg_examples, n_utts):
    total = sum(type_counter.values())
    numberlike = sum(type_counter[t] for t in NUMBER_LIKE)
    na = non_ascii(records)
    ex0 = records[0]["identifiers"][0]
    na_desc = ", ".join(f"`{ch}` (U+{ord(ch):04X} {unicodedata.name(ch).lower()})" for ch in na)
    lines = [
        "# Held-out de-identification evaluation set (synthetic)",
        "",
        "`heldout.jsonl` is a second, held-out gold-standard set for evaluating",
        "transcript de-identification against the HIPAA Safe Harbor identifier",
        "categories. It was written separately from the first set",
        "(`../sessions.jsonl`) and without reading or running the de-identification",
        "code or its recognisers, so scores on it are not tuned to the detector.",
        "Use it for reporting, not for development: do not adjust recognisers to",
        "individual cases here.",
        "",
        "**Everything here is synthetic.** The people, places, addresses, accounts and",
        "numbers are invented; no real transcript was used or adapted. Phone numbers",
        "use reserved fictional ranges (US 555-01xx, UK Ofcom drama ranges such as",
        "07700 900xxx, 0113 496 0xxx and 0808 157 0xxx), IP addresses use the",
        "RFC 5737 documentation ranges, and e-mail / web addresses use `example.*`",
        "domains. Real city, district and street names appear only as places.",
        "",
        "The exchanges are short psychotherapy / counselling excerpts (Therapist and",
        "Client turns, 6-12 utterances each) in a natural spoken style: disfluencies,",
        "self-corrections, spoken and spelled-out numbers, and several exchanges",
        "written as lowercase, unpunctuated ASR output.",
        "",
        "Regenerate (deterministic, asserts every span):",
        "",
        "    python3 tests/deid/heldout/make_heldout.py",
        "",
        "Do not edit `heldout.jsonl` or this README by hand: edit the script and re-run it.",
        "",
        "## Format",
        "",
        "Exactly the format of `../sessions.jsonl` (see `../README.md`); ids are",
        "`heldout-01` ... One JSON object per line:",
        "",
        "```json",
        '{"id": "heldout-01",',
        ' "utterances": [{"speaker": "Therapist" | "Client", "text": "..."}],',
        ' "identifiers": [{"utterance": %d, "start": %d, "end": %d, "text": %s,'
        % (ex0["utterance"], ex0["start"], ex0["end"], json.dumps(ex0["text"], ensure_ascii=False)),
        '                  "type": %s, "note": "optional; tricky-case tags"}]}'
        % json.dumps(ex0["type"]),
        "```",
        "",
        "- `start`/`end` are Python `str` offsets (end exclusive) into the utterance's",
        "  `text`; `text[start:end] == identifier[\"text\"]`. All characters are in the",
        "  Basic Multilingual Plane, so the offsets are also valid UTF-16 offsets.",
        "- Identifiers are sorted by (utterance, start) and never overlap.",
        "- `note` is present only on tricky cases; several tags are joined with `\"; \"`.",
        f"- The file is UTF-8 (`ensure_ascii=False`). Non-ASCII characters used: {na_desc}.",
        "",
        "## Annotation conventions",
        "",
        "The conventions of `../README.md` apply unchanged. In brief:",
        "",
        "- PERSON: the name only; titles (Dr., Mrs., Ms., Miss, PC, DC, Sergeant, Pastor,",
        "  Father, Judge) and a following possessive or contraction `'s` are outside",
        "  the span. Kinship words (Mum, Nan, Auntie, Mama, Baba, Bibi-ji, abuela) are",
        "  not names, even capitalised.",
        "- LOCATION: anything below state level (cities, towns, districts, streets,",
        "  roads, intersections, whole addresses as one span including the postcode,",
        "  and named hospitals, care homes, clinics, churches, schools, universities",
        "  and workplaces). States, provinces and countries are not marked. A brand",
        "  without a location is not marked; the street or centre that locates it is.",
        "- DATE: any date element more specific than a year (day-of-month alone,",
        "  weekday + day, relative but specific dates, a month named as the time of",
        "  an event, spoken and numeric dates as one span). Years alone, weekdays",
        "  alone and holidays alone are not marked.",
        "- AGE_OVER_89: the age expression only, in digits or words; 89 and below",
        "  are not marked.",
        "- PHONE includes fax. ID covers record, insurance member / policy / claim,",
        "  bank account, sort code, card last digits, student, passport, visa,",
        "  residence permit, military service and court/crime reference numbers;",
        "  labels stay outside the span. OTHER covers vehicle plates, device",
        "  serials, IP addresses and social media handles.",
        "- Spans end before sentence punctuation; spoken numbers, e-mails and URLs",
        "  keep their internal commas and words (`dot`, `at`, `double`, `oh`).",
        "- Every whole-word, case-sensitive repeat of a gold string inside an exchange",
        "  is itself marked (the script checks this), so unmarked text is meant to",
        "  be a true negative.",
        "",
        "Decisions specific to this set (consistent with the conventions above):",
        "",
        "- **Pets' names are not persons** and are not marked (`Bella` the dog,",
        "  `Winston` the cat); they are listed as negatives.",
        "- Names of the therapist's colleagues (a covering psychiatrist, an office",
        "  manager, a group facilitator) are marked PERSON: they identify the service.",
        "- Names in lowercase ASR text are marked like any other name (`anjali`,",
        "  `kev`, `mei ling`); lowercase place names too (`leicester`, `tempe`).",
        "- A nickname, a diminutive, a misspelling, a phonetic respelling",
        "  (`Grawn-ya`), a letter-by-letter spelling (`G-R-A-I-N-N-E`) and a",
        "  truncated form (`Raghu`) of a name are each marked PERSON.",
        "- A common word that is also a name is marked only when used as a name;",
        "  the same word used as a word is a listed negative (`Joy` / `the joy`,",
        "  `Frank` / `To be frank`). Capitalised `Will` at the start of a question is",
        "  a verb, not a name.",
        "- Names that occur only inside an e-mail, URL or handle are covered by that",
        "  span (`@ola.maluje`, `help-andre-m`). Digits inside a handle or a spoken",
        "  date (`ninety nine`, `ninety one`) are not ages.",
        "- A phonetic-alphabet word inside a spoken reference (`C as in Charlie`) is",
        "  part of the ID span, not a person.",
        "- `4th of July` given as a birthday is a DATE; `the fourth of july thing`",
        "  (the holiday) is a negative.",
        "- `Reed` (the college) is a LOCATION in one exchange and a PERSON in another;",
        "  `Jordan` is a person in one exchange and a country (not marked) in",
        "  another; `Eugene` is a city.",
        "- `M62` (a motorway) and `Birch services` are marked LOCATION as roads /",
        "  places below state level. `Helmand` (a province) is not marked.",
        "- `Mayfair` is marked even though it is named as where the family does",
        "  *not* live.",
        "- `Maggie` in heldout-22 is a different person (the husband's sister) from",
        "  `Margaret`/`Peg`; `Gracie` in heldout-31 is a different person from `Grace`.",
        "- Clinical scale scores (`PHQ-9 ... 19`, `GAD-7 ... 12`, `Eight out of ten`),",
        "  doses, durations and counts, times of day and the emergency number `999`",
        "  are negatives.",
        "",
        "## Counts",
        "",
        f"- Exchanges: {len(records)}",
        f"- Utterances: {n_utts}",
        f"- Identifiers: {total} (number-like types PHONE, ID, EMAIL, URL, OTHER,",
        f"  AGE_OVER_89 together: {numberlike})",
        "",
        "| Type | Count |",
        "|---|---:|",
    ]
    for t in TYPES:
        lines.append(f"| {t} | {type_counter[t]} |")
    lines.append(f"| **Total** | **{total}** |")
    lines += [
        "",
        "## Tricky cases marked in `note` (identifier counts; one span can carry several tags)",
        "",
        "Some tags are added automatically by the script (first name only, name",
        "after a title, name after a kinship/relationship word, name at sentence",
        "start, lowercase, non-ASCII, following full stop); the rest are by hand.",
        "",
        "| Tag | Count |",
        "|---|---:|",
    ]
    for tag, c in sorted(tag_counter.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {tag} | {c} |")
    lines += [
        "",
        "## Deliberate negatives (present in the text, NOT marked)",
        "",
        "These are listed in `make_heldout.py` (the `N(...)` entries), which checks",
        "that each occurs and lies outside every gold span. They are not written to",
        "`heldout.jsonl`; any prediction on them is a false positive.",
        "",
        "| Category | Count | Examples |",
        "|---|---:|---|",
    ]
    for cat, c in sorted(neg_counter.items(), key=lambda kv: (-kv[1], kv[0])):
        exs = ", ".join(f"`{x}`" for x in neg_examples[cat][:4])
        lines.append(f"| {cat} | {c} | {exs} |")
    lines += [
        f"| **Total** | **{sum(neg_counter.values())}** | |",
        "",
    ]
    return "\n".join(lines)


def main():
    records, type_counter, tag_counter, neg_counter, neg_examples, n_utts = build()
    total = sum(type_counter.values())
    assert len(records) >= 30, len(records)
    assert total >= 230, total
    assert type_counter["PERSON"] >= 120, type_counter["PERSON"]
    assert sum(type_counter[t] for t in NUMBER_LIKE) >= 45, type_counter
    for t in TYPES:
        assert type_counter[t] > 0, t
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    with open(HERE / "heldout.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (HERE / "README.md").write_text(
        readme(records, type_counter, tag_counter, neg_counter, neg_examples, n_utts),
        encoding="utf-8", newline="\n")
    print(f"exchanges={len(records)} utterances={n_utts} identifiers={total}")
    for t in TYPES:
        print(f"  {t:12s} {type_counter[t]}")
    print(f"number-like={sum(type_counter[t] for t in NUMBER_LIKE)}")
    print(f"negatives={sum(neg_counter.values())}")


if __name__ == "__main__":
    main()
