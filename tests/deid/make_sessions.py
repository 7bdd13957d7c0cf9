#!/usr/bin/env python3
"""Build the synthetic de-identification evaluation set.

Writes, next to this file:
  sessions.jsonl  one synthetic therapy exchange per line, with gold identifier spans
  README.md       description, conventions and counts (regenerated from the data)

Every person, place, number, address and account below is invented for this
project.  Phone numbers use reserved fictional ranges (US 555-01xx, UK Ofcom
drama ranges), IP addresses use documentation ranges (RFC 5737), and e-mail /
web addresses use invented or example domains.

Offsets are computed here by searching each utterance for the n-th whole-word
occurrence of the span text, then asserted.  The script is deterministic: run
it again and the output is byte-for-byte identical.

    python3 tests/deid/make_sessions.py
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ["PERSON", "LOCATION", "DATE", "AGE_OVER_89", "PHONE", "EMAIL", "URL", "ID", "OTHER"]

# --- tricky-case tags for identifiers (written into the "note" field) ---------
CW = "name that is also a common word"
NICK = "nickname/diminutive"
VAR = "variant/misspelling of a name used in the same exchange"
SAMELIKE = "near-identical name belonging to a different person"
FIRST = "first name only"  # added automatically, see annotate()
TITLE = "surname after a title (title excluded from span)"  # added automatically
SURNAME = "surname only, no title"
POSS = "name in possessive ('s excluded)"
CONTR = "name followed by contraction 's (excluded)"
LOWER = "lowercase in transcript"
PLACENAME = "person name that is also a place name"
HYPHEN = "hyphenated name"
SPOKEN = "spoken/spelled-out digits"
SPELLED = "spelled-out email (dot/at)"
ADDR = "street address"
STREET = "street name"
INTERSECTION = "street intersection"
WORKPLACE = "named workplace/school"
FACILITY = "named hospital/care facility/church"
LOCVAR = "misspelled place name"
NEGLOC = "place named only to say it is not there"
REL = "relative but specific date"
DOM = "day-of-month only"
WKDAY = "weekday with day-of-month, no month"
MONTH = "month only (event month)"
BIRTH = "birth date"
WORDAGE = "age in words"
NUMAGE = "age in digits"
PARTIAL = "partial number (last digits)"
MISSPOKEN = "misspoken number, corrected"
HANDLE = "social media handle"
PLATE = "vehicle plate"
SERIAL = "device serial"
IP = "IP address"
PHOTO = "full-face photo reference"
FAX = "fax number"
DOBINID = "ID that embeds a birth date"
ENDPUNCT = "followed by a full stop that is not part of the span"

# --- negative (do-not-mark) categories: checked here, reported in README -------
KIN = "kinship term used as a name (Mum, Dad, Nana, Grandpa)"
RELIG = "religious term (God, Fajr)"
HOLIDAY = "holiday (Christmas)"
WEEKDAY = "weekday not tied to a date"
YEAR = "year alone"
AGE = "age under 90"
AGE89 = "age exactly 89 (boundary)"
CWORD = "lowercase common word that is also a name (hope, bill, will...)"
ORG = "organisation/brand/product/abbreviation (AA, HR, NHS, TikTok...)"
GEO = "state or country (not a sub-state unit)"

TITLES = ("Dr.", "Mr.", "Mrs.", "Ms.", "PC", "Officer", "Father", "Professor", "Judge", "Doc", "mrs.")


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


def ex(utts, ids, negs=()):
    EXCHANGES.append({"utts": utts, "ids": ids, "negs": list(negs)})


# ============================================================================
# 01 grief
ex([
    T("Last time you mentioned the anniversary was coming up. How has this week been?"),
    C("Hard. Dad died on March 3rd, two years ago now, and Mum still keeps his chair at the house on 42 Willow Lane exactly how he left it."),
    T("That sounds like a lot to hold. Who's been around for you?"),
    C("My brother Tom, mostly. Tom's wife Hope drove down from Leeds on Saturday with the kids. I hope that doesn't sound ungrateful, but I just wanted to be on my own."),
    T("It doesn't sound ungrateful. Grief often pulls us inward. Did you get to the cemetery?"),
    C("Yeah, St. Mary's in Harrowgate... Harrogate, sorry, my head's all over the place. Father Keane said a few words. He's 91 and still does every service, God bless him."),
    T("How did it feel to be there?"),
    C("Honestly? Like I could finally breathe. I'm going back on his birthday, the 19th of August."),
], [
    I(1, "March 3rd", "DATE"),
    I(1, "42 Willow Lane", "LOCATION", ADDR),
    I(3, "Tom", "PERSON"),
    I(3, "Tom", "PERSON", POSS, n=2),
    I(3, "Hope", "PERSON", CW),
    I(3, "Leeds", "LOCATION"),
    I(5, "St. Mary's", "LOCATION", FACILITY),
    I(5, "Harrowgate", "LOCATION", LOCVAR),
    I(5, "Harrogate", "LOCATION"),
    I(5, "Keane", "PERSON"),
    I(5, "91", "AGE_OVER_89", NUMAGE),
    I(7, "19th of August", "DATE", BIRTH),
], [
    N(1, "Dad", KIN), N(1, "Mum", KIN), N(3, "hope", CWORD), N(3, "Saturday", WEEKDAY), N(5, "God", RELIG),
])

# 02 work stress
ex([
    T("You said on the phone that work has been unbearable. What's going on at Halvorsen Logistics?"),
    C("My new manager, Bill Strickland, puts me on doubles every weekend. I asked HR to look at my file, employee number 55-0193, on the 4th of last month, and nobody's called back."),
    T("That's exhausting. How are you sleeping?"),
    C("Four hours, maybe. And then the bill for my mom's surgery at Mercy General came, and I just sat in my car in the parking lot and cried."),
    T("That's a lot at once. Is there anyone at work you trust?"),
    C("Rosa in dispatch. She gave me her cell, 555-0148, said call any time. But Bill reads everyone's texts on the work phones, I swear."),
    T("It sounds like you feel watched as well as overworked."),
    C("Yes. Exactly that. Every Monday I get this knot in my stomach pulling into the lot on Dorsey Avenue."),
], [
    I(0, "Halvorsen Logistics", "LOCATION", WORKPLACE),
    I(1, "Bill Strickland", "PERSON", CW),
    I(1, "55-0193", "ID"),
    I(1, "4th of last month", "DATE", REL),
    I(3, "Mercy General", "LOCATION", FACILITY),
    I(5, "Rosa", "PERSON"),
    I(5, "555-0148", "PHONE"),
    I(5, "Bill", "PERSON", CW),
    I(7, "Dorsey Avenue", "LOCATION", STREET),
], [
    N(1, "HR", ORG), N(3, "bill", CWORD), N(3, "mom", KIN), N(7, "Monday", WEEKDAY),
])

# 03 family conflict (Katherine / Kathryn / Kat)
ex([
    T("You wanted to talk about your sister today."),
    C("Katherine. Yeah. She's not coming for Christmas because of what I said at Mum's seventieth."),
    T("What did you say?"),
    C("That she's been using Mum's money. Kathryn's got power of attorney, so she thinks she can do what she likes."),
    T("And how did Kat take that? You called her Kat on the phone, is that what she goes by?"),
    C("Only with friends. Kat texted me a screenshot of the bank statement, the account ending 4471, like that proves anything."),
    T("It sounds like there's a lot of hurt on both sides."),
    C("She lives twenty minutes away in Stockport and I haven't seen her since the 2nd of January. Mum's 74 and she keeps asking why we're fighting."),
], [
    I(1, "Katherine", "PERSON"),
    I(3, "Kathryn", "PERSON", VAR, CONTR),
    I(4, "Kat", "PERSON", NICK, VAR),
    I(4, "Kat", "PERSON", NICK, VAR, n=2),
    I(5, "Kat", "PERSON", NICK),
    I(5, "4471", "ID", PARTIAL),
    I(7, "Stockport", "LOCATION"),
    I(7, "2nd of January", "DATE"),
], [
    N(1, "Christmas", HOLIDAY), N(1, "Mum", KIN), N(1, "seventieth", AGE), N(3, "Mum", KIN),
    N(7, "Mum", KIN), N(7, "74", AGE),
])

# 04 anxiety, grandmother over 89
ex([
    T("You mentioned your grandmother's been unwell."),
    C("Nana Rose, yeah. She turned ninety-four on June 8th and she's in the care home on Fairview Road now. Oakhaven, it's called."),
    T("How has the anxiety been since she moved?"),
    C("Worse. I check my phone constantly. The home's number is 0161 496 0732, I've got it on speed dial."),
    T("What goes through your mind when you check it?"),
    C("That they'll ring to say she's gone. Grandpa died at 89, so I keep thinking she's on borrowed time."),
    T("That fear makes a lot of sense. Let's notice what happens in your body when the phone buzzes."),
    C("My chest goes tight. Like a rose bush wrapped round my ribs. Sorry, that's a weird image."),
], [
    I(1, "Rose", "PERSON", CW),
    I(1, "ninety-four", "AGE_OVER_89", WORDAGE),
    I(1, "June 8th", "DATE", BIRTH),
    I(1, "Fairview Road", "LOCATION", STREET),
    I(1, "Oakhaven", "LOCATION", FACILITY),
    I(3, "0161 496 0732", "PHONE"),
], [
    N(1, "Nana", KIN), N(5, "Grandpa", KIN), N(5, "89", AGE89), N(7, "rose", CWORD),
])

# 05 addiction (Big Mike, Grace)
ex([
    T("Congratulations on the chip. How long has it been now?"),
    C("Eighteen months. Sober since October 3rd, 2022. Big Mike handed it to me at the Tuesday meeting at Grace Lutheran."),
    T("Who's Big Mike to you?"),
    C("My sponsor. Mike Delaney. He's 62 and he's been in AA since before I was born. He says it's by the grace of God, every single time."),
    T("What's been hardest lately?"),
    C("My ex, Grace. She posts pictures from the bar on Fulton Street where we met. Her Instagram is @gracie_mb and I know I should block it."),
    T("What stops you?"),
    C("Part of me wants to see if she's okay. Part of me wants a drink. Mike says that's the same part."),
], [
    I(1, "October 3rd, 2022", "DATE"),
    I(1, "Big Mike", "PERSON", NICK),
    I(1, "Grace Lutheran", "LOCATION", FACILITY, "place name containing a common-word name"),
    I(2, "Big Mike", "PERSON", NICK),
    I(3, "Mike Delaney", "PERSON", VAR),
    I(5, "Grace", "PERSON", CW),
    I(5, "Fulton Street", "LOCATION", STREET),
    I(5, "@gracie_mb", "OTHER", HANDLE),
    I(7, "Mike", "PERSON", VAR),
], [
    N(1, "Tuesday", WEEKDAY), N(3, "62", AGE), N(3, "AA", ORG), N(3, "grace", CWORD), N(3, "God", RELIG),
    N(5, "Instagram", ORG),
])

# 06 relationships (Will, Mark, Joy)
ex([
    T("How are things between you and Will since last session?"),
    C("Better, I think. Will actually came to my cousin Mark's engagement party on the 21st, which he never does."),
    T("What was that like for you?"),
    C("Nice, until Mark's fiancée, Joy, asked when we're getting married. Will went white. I will never forget his face."),
    T("And what did you feel in that moment?"),
    C("Embarrassed. Then angry. We've been together since 2016. I don't need a ring, but I'd like to know it's not off the table."),
    T("Have you been able to say that to him directly?"),
    C("Not yet. Maybe I'll put a mark on the calendar. Saturday. I'll tell him Saturday, at his mother's place in Glendale."),
], [
    I(0, "Will", "PERSON", CW),
    I(1, "Will", "PERSON", CW),
    I(1, "Mark", "PERSON", CW, POSS),
    I(1, "21st", "DATE", DOM),
    I(3, "Mark", "PERSON", CW, POSS),
    I(3, "Joy", "PERSON", CW),
    I(3, "Will", "PERSON", CW),
    I(7, "Glendale", "LOCATION"),
], [
    N(3, "will", CWORD), N(5, "2016", YEAR), N(7, "mark", CWORD), N(7, "Saturday", WEEKDAY),
    N(7, "Saturday", WEEKDAY, n=2),
])

# 07 insurance / medical IDs
ex([
    T("Before we start, the front desk said there was a problem with your insurance."),
    C("Yeah, Blue Horizon denied the claim again. My member ID is Q-X-four-four-seven-two-nine-one-zero. I read it to them like five times."),
    T("That's frustrating. Would it help to call them together after session?"),
    C("Please. The case number they gave me is 2024-118-6620 and the rep's name was Dmitri. Their number is 1-800-555-0199."),
    T("Okay. How has the anxiety been otherwise?"),
    C("I had a panic attack at the grocery store on Elm and Ninth on Thursday. I left my cart in the middle of the aisle."),
    T("What happened right before it started?"),
    C("Dr. Anand's nurse called. She said my MRN didn't match. They had me down as 0047-3318 and my birthday as the 12th of November, which isn't even my birthday."),
    T("So it wasn't just the store. It was feeling like the system can't even get you right."),
    C("Exactly. Like I don't exist unless a number says so."),
], [
    I(1, "Q-X-four-four-seven-two-nine-one-zero", "ID", SPOKEN),
    I(3, "2024-118-6620", "ID"),
    I(3, "Dmitri", "PERSON"),
    I(3, "1-800-555-0199", "PHONE"),
    I(5, "Elm and Ninth", "LOCATION", INTERSECTION),
    I(7, "Anand", "PERSON", POSS),
    I(7, "0047-3318", "ID"),
    I(7, "12th of November", "DATE", BIRTH),
], [
    N(1, "Blue Horizon", ORG), N(5, "Thursday", WEEKDAY), N(7, "MRN", ORG),
])

# 08 teenager, identity (Lizzie / Elizabeth)
ex([
    T("Lizzie, last week you mentioned a poem you'd written. Did you bring it?"),
    C("It's on my phone. I can email it to you. My school one is e dot okafor twenty-six at hollis academy dot org. Don't use my other one, Mum reads it."),
    T("Okay. What's the poem about?"),
    C("Being two people. Elizabeth is what Mum calls me when she's furious. Lizzie at school, Elizabeth at home."),
    T("That's a powerful theme. Is Hollis Academy somewhere you feel like yourself?"),
    C("Mostly. Mr. Baptiste lets me stay in the art room at lunch. I also post my drawings at www.lizziedraws.net, but Mum doesn't know about that."),
    T("It sounds like you're finding spaces to be both."),
    C("I turn sixteen on the 30th. Maybe then she'll stop treating me like a baby."),
], [
    I(0, "Lizzie", "PERSON", NICK),
    I(1, "e dot okafor twenty-six at hollis academy dot org", "EMAIL", SPELLED),
    I(3, "Elizabeth", "PERSON", VAR),
    I(3, "Lizzie", "PERSON", NICK),
    I(3, "Elizabeth", "PERSON", VAR, n=2),
    I(4, "Hollis Academy", "LOCATION", WORKPLACE),
    I(5, "Baptiste", "PERSON"),
    I(5, "www.lizziedraws.net", "URL"),
    I(7, "30th", "DATE", DOM, BIRTH),
], [
    N(1, "Mum", KIN), N(3, "Mum", KIN), N(5, "Mum", KIN), N(7, "sixteen", AGE),
])

# 09 anticipatory grief, hospice (Faith, Frank)
ex([
    T("How was the visit to the hospice?"),
    C("Long. Dad's 96 now. St. Columba's has been wonderful, especially a nurse called Faith."),
    T("What made Faith stand out?"),
    C("She sat with him when I couldn't. She gave me her direct line, oh seven seven zero zero, nine double-oh, one two three. I've rung it at three in the morning."),
    T("It sounds like you've needed somebody to hold on to."),
    C("I've lost my faith a bit, honestly. In God, in doctors, all of it. Dr. Whitcombe says weeks, not months."),
    T("How are you preparing yourself?"),
    C("My brother Frank's flying in from Perth on Friday the 14th. We haven't been frank with each other in years, so that'll be something."),
], [
    I(1, "96", "AGE_OVER_89", NUMAGE),
    I(1, "St. Columba's", "LOCATION", FACILITY),
    I(1, "Faith", "PERSON", CW),
    I(2, "Faith", "PERSON", CW),
    I(3, "oh seven seven zero zero, nine double-oh, one two three", "PHONE", SPOKEN),
    I(5, "Whitcombe", "PERSON"),
    I(7, "Frank", "PERSON", CW, CONTR),
    I(7, "Perth", "LOCATION"),
    I(7, "Friday the 14th", "DATE"),
], [
    N(1, "Dad", KIN), N(5, "faith", CWORD), N(5, "God", RELIG), N(7, "frank", CWORD),
])

# 10 work stress, nurse under review (Sandy)
ex([
    T("You look exhausted today."),
    C("Triple shift. And the board sent a letter saying my nursing licence, RN 8830147, is under review because of the complaint."),
    T("That must be frightening. What's the complaint about?"),
    C("A patient's daughter, Mrs. Kowalczyk... Kowalchik, however you say it. She said I was rude to her mother on the cardiac ward at Riverside General."),
    T("And what do you remember about that day?"),
    C("It was the 9th of February. Her mum was ninety and confused, pulling out her lines. I was firm. Maybe too firm."),
    T("Firm and rude aren't the same thing. Who's supporting you through the review?"),
    C("The union rep, Sandy Okoro. Her email's s.okoro@nursesunion-example.org if you need to send anything. She thinks it'll be dismissed."),
    T("And meanwhile, how are you looking after yourself?"),
    C("I walk on the sandy bit of beach near my flat when I get a day off. Which is never."),
], [
    I(1, "8830147", "ID"),
    I(3, "Kowalczyk", "PERSON"),
    I(3, "Kowalchik", "PERSON", VAR, SURNAME),
    I(3, "Riverside General", "LOCATION", FACILITY, WORKPLACE),
    I(5, "9th of February", "DATE"),
    I(5, "ninety", "AGE_OVER_89", WORDAGE),
    I(7, "Sandy Okoro", "PERSON", CW),
    I(7, "s.okoro@nursesunion-example.org", "EMAIL"),
], [
    N(5, "mum", KIN), N(9, "sandy", CWORD),
])

# 11 stalking / coercive control
ex([
    T("Last session you said you thought your ex was tracking you."),
    C("I know he is. Darren logged into my email from an IP address I didn't recognise, 203.0.113.47. The security alert said it was near Croydon."),
    T("That's really frightening. Have you told anyone?"),
    C("The police. PC Haldane gave me a crime reference, 5512 0923 18. And I found one of those AirTags in my car. The serial was something like H-Q-7-K-2-2-P-M."),
    T("You've done a lot to protect yourself. Where are you staying at the moment?"),
    C("With my friend Priya, in her flat on Barrow Road. Flat 3, 118 Barrow Road. He doesn't know about it."),
    T("I'm glad you've got somewhere safe. How are you sleeping there?"),
    C("Badly. Every car that goes past, I check the plate. His is a silver Corsa, LK19 XRT. I'd know it anywhere."),
], [
    I(1, "Darren", "PERSON"),
    I(1, "203.0.113.47", "OTHER", IP),
    I(1, "Croydon", "LOCATION"),
    I(3, "Haldane", "PERSON"),
    I(3, "5512 0923 18", "ID"),
    I(3, "H-Q-7-K-2-2-P-M", "OTHER", SERIAL, SPOKEN),
    I(5, "Priya", "PERSON"),
    I(5, "Barrow Road", "LOCATION", STREET),
    I(5, "Flat 3, 118 Barrow Road", "LOCATION", ADDR),
    I(7, "LK19 XRT", "OTHER", PLATE),
], [
    N(3, "AirTags", ORG), N(7, "Corsa", ORG),
])

# 12 gambling, ASR-style lowercase transcript
ex([
    T("You said something happened with the joint account?"),
    C("yeah so marcus found out. he saw the statement, sort code 20-44-91, account 33187702, and all the transfers to the betting site."),
    T("How did he react?"),
    C("quiet. scary quiet. then he rang his brother dev and i heard him say the word divorce."),
    T("How much have you lost, if you're okay sharing that?"),
    C("about eleven grand since the first of may. i told myself i'd stop on my birthday. i didn't."),
    T("What's your plan for the next week?"),
    C("i signed up to gamstop last night. and i'm seeing the debt advice lady on tuesday the 11th. her name's mrs. bello."),
    T("That's a real step. How did it feel to sign up?"),
    C("like giving marcus something back. not much, but something."),
], [
    I(1, "marcus", "PERSON", LOWER),
    I(1, "20-44-91", "ID"),
    I(1, "33187702", "ID"),
    I(3, "dev", "PERSON", LOWER, CW),
    I(5, "first of may", "DATE", LOWER),
    I(7, "tuesday the 11th", "DATE", LOWER),
    I(7, "bello", "PERSON", LOWER),
    I(9, "marcus", "PERSON", LOWER),
], [
    N(7, "gamstop", ORG),
])

# 13 postnatal anxiety
ex([
    T("How old is the baby now?"),
    C("Seven weeks. Amara was born on the 26th of September at Kingsbridge Maternity, two weeks early."),
    T("And how have you been feeling since?"),
    C("Scared all the time. I check her breathing every twenty minutes. My husband, Olu, sleeps through everything."),
    T("That kind of checking is really common after a birth. Has anyone else noticed how anxious you've been?"),
    C("The health visitor, Joy. She gave me a leaflet and the number for the perinatal team, 020 7946 0381."),
    T("Have you called them?"),
    C("Not yet. I'm scared they'll think I can't cope and take her. My NHS number's on the referral, 943 476 5919, so they'd know exactly who I am."),
    T("That fear is understandable. The perinatal team is there to support mothers, not to take babies away."),
    C("Okay. Okay. Maybe I'll ring them on Monday."),
], [
    I(1, "Amara", "PERSON"),
    I(1, "26th of September", "DATE", BIRTH),
    I(1, "Kingsbridge Maternity", "LOCATION", FACILITY),
    I(3, "Olu", "PERSON"),
    I(5, "Joy", "PERSON", CW),
    I(5, "020 7946 0381", "PHONE"),
    I(7, "943 476 5919", "ID"),
], [
    N(7, "NHS", ORG), N(9, "Monday", WEEKDAY),
])

# 14 older adult, loss of home (several ages over 89)
ex([
    T("Thank you for coming in, Mrs. Abernathy. How did you find the stairs?"),
    C("Oh, slowly, dear. I'm ninety-one, you know. Ninety-two on the 4th of April, God willing."),
    T("What would you like to talk about today?"),
    C("My son Gerald wants me to move into Birchwood Court. He's sixty-eight himself, he worries."),
    T("And how do you feel about moving?"),
    C("I've lived at 7 Cobble Hill since 1958. My husband Arthur died in that house. Leaving feels like leaving him."),
    T("That makes sense. The house holds a lot of him."),
    C("It does. His sister Winifred is still going, if you can believe it. She's a hundred and one. She calls me a spring chicken."),
], [
    I(0, "Abernathy", "PERSON"),
    I(1, "ninety-one", "AGE_OVER_89", WORDAGE),
    I(1, "Ninety-two", "AGE_OVER_89", WORDAGE),
    I(1, "4th of April", "DATE", BIRTH),
    I(3, "Gerald", "PERSON"),
    I(3, "Birchwood Court", "LOCATION", FACILITY),
    I(5, "7 Cobble Hill", "LOCATION", ADDR),
    I(5, "Arthur", "PERSON"),
    I(7, "Winifred", "PERSON"),
    I(7, "a hundred and one", "AGE_OVER_89", WORDAGE),
], [
    N(1, "God", RELIG), N(3, "sixty-eight", AGE), N(5, "1958", YEAR),
])

# 15 trauma after a road accident
ex([
    T("You said you wanted to talk about the accident today."),
    C("It was at the roundabout outside Plympton, the 17th of December. The other driver's van, the plate was WN21 KDE. I see it in my sleep."),
    T("What happens when you see it?"),
    C("I'm back there. The glass, the smell. My daughter Georgia was in the back seat. She's fine, thank God, but she was only four."),
    T("And you were injured too."),
    C("Broken collarbone. They kept me in at Derriford for three nights. Now the claims woman, Ms. Penhaligon, keeps ringing about the insurance, policy number MTR-558-20931."),
    T("How are you finding those calls?"),
    C("Like being hit again. Georgia asks why I cry when the phone rings."),
], [
    I(1, "Plympton", "LOCATION"),
    I(1, "17th of December", "DATE"),
    I(1, "WN21 KDE", "OTHER", PLATE),
    I(3, "Georgia", "PERSON", PLACENAME),
    I(5, "Derriford", "LOCATION", FACILITY),
    I(5, "Penhaligon", "PERSON"),
    I(5, "MTR-558-20931", "ID"),
    I(7, "Georgia", "PERSON", PLACENAME),
], [
    N(3, "God", RELIG), N(3, "four", AGE),
])

# 16 depression, disability paperwork
ex([
    T("You mentioned you're applying for disability. How's that going?"),
    C("Slow. I had to read my social to the lady three times. Nine oh oh, four two, seven seven one eight. And she still typed it wrong."),
    T("That sounds draining when you're already so low."),
    C("It is. Some days I can't get off the couch. My caseworker, Ronnie... Veronica, she hates Ronnie... says I need a letter from you by the 15th."),
    T("I can write that. Where should it go?"),
    C("The field office at 1400 Carver Boulevard, Suite 210, Dayton, Ohio. Or she said fax is fine, 937-555-0172."),
    T("Okay. Besides the paperwork, what's been keeping you going?"),
    C("My niece. Tiana sends me memes every morning. She's twenty-three, she gets it."),
], [
    I(1, "Nine oh oh, four two, seven seven one eight", "ID", SPOKEN),
    I(3, "Ronnie", "PERSON", NICK),
    I(3, "Veronica", "PERSON", VAR),
    I(3, "Ronnie", "PERSON", NICK, n=2),
    I(3, "15th", "DATE", DOM),
    I(5, "1400 Carver Boulevard, Suite 210, Dayton", "LOCATION", ADDR),
    I(5, "937-555-0172", "PHONE", FAX),
    I(7, "Tiana", "PERSON"),
], [
    N(5, "Ohio", GEO), N(7, "twenty-three", AGE),
])

# 17 OCD, exposure homework
ex([
    T("How did the exposure homework go?"),
    C("I sent the email to my boss at Castellan Design without rereading it. Just hit send. To d.fairweather@castellan-design.co.uk, no checking. My hands were shaking."),
    T("That's a big step. What happened next?"),
    C("Dominic replied in four minutes with a thumbs up. Four minutes! I'd spent a week imagining him firing me."),
    T("So the catastrophe didn't come."),
    C("No. I still checked the company page, castellan-design.co.uk/team, to see if I was still listed. I was."),
    T("Notice that checking. That's the compulsion sneaking back in."),
    C("I know. My partner, Sunny, says the same. She set a timer on my phone. She's very organised, she's a deputy head at Wexford Primary."),
    T("What would it be like to try that again this week? Send, and don't check."),
    C("Terrifying. Let's do it. The design review is on Wednesday the 6th, I'll start then."),
], [
    I(1, "Castellan Design", "LOCATION", WORKPLACE),
    I(1, "d.fairweather@castellan-design.co.uk", "EMAIL"),
    I(3, "Dominic", "PERSON"),
    I(5, "castellan-design.co.uk/team", "URL"),
    I(7, "Sunny", "PERSON", CW),
    I(7, "Wexford Primary", "LOCATION", WORKPLACE),
    I(9, "Wednesday the 6th", "DATE"),
], [
])

# 18 bereavement, friend (Jonny / Jonathan)
ex([
    T("I was so sorry to hear about Jonny."),
    C("Thanks. Jonathan, really, but nobody called him that except his mum, at the funeral."),
    T("When was the funeral?"),
    C("Last Thursday, the 23rd. At Holy Trinity in Bexley. The obituary's up at www.bexley-memorials.co.uk/jonathan-reyes if you want to read it."),
    T("How are you holding up?"),
    C("I keep replaying our last call. He rang me on my birthday, the 2nd, and I let it go to voicemail."),
    T("That's a heavy thing to carry."),
    C("His girlfriend, Marisol, says he wasn't upset, he just wanted to sing happy birthday. But I'll never know."),
], [
    I(0, "Jonny", "PERSON", NICK),
    I(1, "Jonathan", "PERSON", VAR),
    I(3, "Last Thursday, the 23rd", "DATE", REL),
    I(3, "Holy Trinity", "LOCATION", FACILITY),
    I(3, "Bexley", "LOCATION"),
    I(3, "www.bexley-memorials.co.uk/jonathan-reyes", "URL"),
    I(5, "2nd", "DATE", DOM, BIRTH),
    I(7, "Marisol", "PERSON"),
], [
    N(1, "mum", KIN),
])

# 19 anger, court (Bobby / Robert)
ex([
    T("How did court go?"),
    C("Adjourned again. The new date's the 28th of July. Case number 24-CR-01872. It's tattooed on my brain at this point."),
    T("What's all that waiting doing to you?"),
    C("Making me short with everybody. I snapped at Bobby in the car and he's only nine."),
    T("Remind me, who's Bobby?"),
    C("My stepson. Robert, after his dad. His dad's doing time at Fairton, so, you know."),
    T("And your probation officer, how's that relationship going?"),
    C("Officer Lindqvist's alright. She lets me check in by phone. The ankle monitor number's on my paperwork, device 7H-22093, I think."),
], [
    I(1, "28th of July", "DATE"),
    I(1, "24-CR-01872", "ID"),
    I(3, "Bobby", "PERSON", NICK),
    I(4, "Bobby", "PERSON", NICK),
    I(5, "Robert", "PERSON", VAR),
    I(5, "Fairton", "LOCATION", FACILITY),
    I(7, "Lindqvist", "PERSON", CONTR),
    I(7, "7H-22093", "OTHER", SERIAL),
], [
    N(3, "nine", AGE), N(5, "dad", KIN),
])

# 20 eating disorder recovery (Saoirse / Sersha)
ex([
    T("How did the appointment with the dietitian go?"),
    C("Fine, I guess. Harriet weighed me backwards like you said she would. I see her again on the 3rd of next month."),
    T("How did it feel not to see the number?"),
    C("Weird. Like the number was still in the room. Mum took me to Nando's after and I actually ate."),
    T("That's a big deal. What made it possible?"),
    C("My friend Saoirse came. She's been texting me at every meal. Sersha, I mean, that's how you say it, everyone spells it wrong."),
    T("It sounds like she's really in your corner."),
    C("She is. Her mum's a nurse at the Priory in Roehampton, so she gets this stuff."),
    T("Let's think about the week ahead."),
    C("There's a school trip on Friday. Packed lunch. That's the scary bit."),
], [
    I(1, "Harriet", "PERSON"),
    I(1, "3rd of next month", "DATE", REL),
    I(5, "Saoirse", "PERSON"),
    I(5, "Sersha", "PERSON", VAR),
    I(7, "Priory", "LOCATION", FACILITY),
    I(7, "Roehampton", "LOCATION"),
], [
    N(3, "Mum", KIN), N(3, "Nando's", ORG), N(7, "mum", KIN), N(9, "Friday", WEEKDAY),
])

# 21 veteran, PTSD
ex([
    T("You said the VA finally got back to you."),
    C("Yeah. My claim number's 31 447 092. And they moved my appointment to the clinic in Fayetteville, August 19th."),
    T("How have the nightmares been?"),
    C("Same. Always Kandahar. Always Doc Ramirez's face."),
    T("Tell me about him, if you want to."),
    C("Eddie Ramirez. Medic. He was twenty-four. His mom still sends me a card every year on the 9th of March."),
    T("What do you do with those cards?"),
    C("Keep them in a shoebox. The shoebox is full now. My wife Liberty says I should write back."),
], [
    I(1, "31 447 092", "ID"),
    I(1, "Fayetteville", "LOCATION"),
    I(1, "August 19th", "DATE"),
    I(3, "Kandahar", "LOCATION"),
    I(3, "Ramirez", "PERSON", POSS),
    I(5, "Eddie Ramirez", "PERSON"),
    I(5, "9th of March", "DATE"),
    I(7, "Liberty", "PERSON", CW),
], [
    N(0, "VA", ORG), N(5, "twenty-four", AGE), N(5, "mom", KIN),
])

# 22 social anxiety (June the person and June the month)
ex([
    T("So, how did the party go?"),
    C("I went! June's party, at her place on Delancey Street. I stayed for almost an hour."),
    T("That's wonderful. What was the hardest moment?"),
    C("When her fiancé Patrick made everyone go round and say something they were grateful for. My voice totally cracked."),
    T("And what did you say?"),
    C("That I was grateful to June for inviting me. Which was true. She's been my only real friend since I moved to Sacramento."),
    T("What's the next step on the ladder?"),
    C("Her wedding's in June, so I guess I need to survive a wedding. It's June 14th, at the Larkspur Hotel. I've already got the dress."),
], [
    I(1, "June", "PERSON", CW, POSS, "also a month name"),
    I(1, "Delancey Street", "LOCATION", STREET),
    I(3, "Patrick", "PERSON"),
    I(5, "June", "PERSON", CW, "also a month name"),
    I(5, "Sacramento", "LOCATION"),
    I(7, "June", "DATE", MONTH, "also a person's name in this exchange"),
    I(7, "June 14th", "DATE"),
    I(7, "Larkspur Hotel", "LOCATION"),
], [
])

# 23 family conflict over inheritance (Stephen / Steve / Steven)
ex([
    T("You said your brother called."),
    C("Stephen. First time in two years. He wants to sell Dad's house in Penzance."),
    T("How did that conversation go?"),
    C("Badly. Steve always does this, he talks like he's the executor. The solicitor, Mr. Achterberg, says we both have to sign."),
    T("What would you want, if it were up to you?"),
    C("To keep it. We spent every summer there. And our cousin Steven, with a v, the other one, says he'd buy it off us."),
    T("So two people with nearly the same name are pulling in different directions."),
    C("Ha, yeah. Family joke. Anyway, the valuation's booked for the 11th of next month, and Steve's coming down on the sleeper."),
], [
    I(1, "Stephen", "PERSON"),
    I(1, "Penzance", "LOCATION"),
    I(3, "Steve", "PERSON", NICK, VAR),
    I(3, "Achterberg", "PERSON"),
    I(5, "Steven", "PERSON", SAMELIKE),
    I(7, "11th of next month", "DATE", REL),
    I(7, "Steve", "PERSON", NICK, CONTR),
], [
    N(1, "Dad", KIN),
])

# 24 infertility, privacy breach (spelled emails, Hope)
ex([
    T("When is the next round?"),
    C("The transfer's on the 2nd of October at the Fairhaven Fertility Centre. Dr. Oyelaran's team."),
    T("How are you and Chris coping?"),
    C("Chris copes by making spreadsheets. I cope by not sleeping. And the clinic emailed my results to the wrong address. They sent them to sam dot hollins at outlook dot com instead of sam dot hollis at outlook dot com."),
    T("That must have felt like a real breach."),
    C("It did. Some stranger knows my hormone levels. The patient ID on the letter was FFC-00219-S, so anyone could find me."),
    T("Have you raised it with them?"),
    C("I've got a call with the practice manager, Hope Adeyemi, on Monday. I hope she actually listens."),
], [
    I(1, "2nd of October", "DATE"),
    I(1, "Fairhaven Fertility Centre", "LOCATION", FACILITY),
    I(1, "Oyelaran", "PERSON", POSS),
    I(2, "Chris", "PERSON"),
    I(3, "Chris", "PERSON"),
    I(3, "sam dot hollins at outlook dot com", "EMAIL", SPELLED, "one-letter variant of the next email"),
    I(3, "sam dot hollis at outlook dot com", "EMAIL", SPELLED),
    I(5, "FFC-00219-S", "ID"),
    I(7, "Hope Adeyemi", "PERSON", CW),
], [
    N(7, "Monday", WEEKDAY), N(7, "hope", CWORD),
])

# 25 bipolar disorder, after admission (Wills, Mark / Marc)
ex([
    T("Can you tell me what you remember about the admission?"),
    C("Bits. They brought me into St. Anselm's on the night of the 5th. I was discharged on the 19th."),
    T("What was going on before that?"),
    C("I'd maxed out my card. Ordered three guitars and a kayak. The card ending 8812, the bank froze it."),
    T("How do you feel about that now?"),
    C("Ashamed. My flatmate Wills had to cancel all the deliveries. He kept the receipts for me."),
    T("Who else has been involved in your care since?"),
    C("Dr. Marchetti, the psychiatrist, and a CPN called Mark. Marc, with a c. He's very particular about it."),
    T("And how are you getting on with the lithium?"),
    C("Shaky hands. But I'm sleeping. My next blood test's on Tuesday the 28th at the Lambeth clinic."),
], [
    I(1, "St. Anselm's", "LOCATION", FACILITY),
    I(1, "5th", "DATE", DOM),
    I(1, "19th", "DATE", DOM),
    I(3, "8812", "ID", PARTIAL),
    I(5, "Wills", "PERSON", NICK, CW),
    I(7, "Marchetti", "PERSON"),
    I(7, "Mark", "PERSON", CW),
    I(7, "Marc", "PERSON", VAR),
    I(9, "Tuesday the 28th", "DATE"),
    I(9, "Lambeth", "LOCATION", FACILITY),
], [
    N(7, "CPN", ORG),
])

# 26 immigration stress
ex([
    T("You look worried today."),
    C("The Home Office letter came. My reference is GWF 052 661 983. They want more evidence by the 31st."),
    T("What kind of evidence?"),
    C("Proof of address. I moved from 22 Lark Rise, Luton, to my cousin Farid's place on Wenlock Road, so the letters go everywhere."),
    T("That's a lot of uncertainty to live with."),
    C("And my passport number, P four nine one, seven seven three, oh two, they say I typed it wrong on the form."),
    T("How are you sleeping with all this?"),
    C("I pray. Fajr, then I lie awake. My mother in Kabul says God has a plan. She is eighty-seven and still more hopeful than me. I have not seen her since I left Afghanistan in 2021."),
], [
    I(1, "GWF 052 661 983", "ID"),
    I(1, "31st", "DATE", DOM),
    I(3, "22 Lark Rise, Luton", "LOCATION", ADDR),
    I(3, "Farid", "PERSON", POSS),
    I(3, "Wenlock Road", "LOCATION", STREET),
    I(5, "P four nine one, seven seven three, oh two", "ID", SPOKEN),
    I(7, "Kabul", "LOCATION"),
], [
    N(1, "Home Office", ORG), N(7, "Fajr", RELIG), N(7, "God", RELIG), N(7, "eighty-seven", AGE),
    N(7, "Afghanistan", GEO), N(7, "2021", YEAR),
])

# 27 workplace bullying (Frank)
ex([
    T("How has school been this week?"),
    C("Awful. The head, Frank Mullins, called me into his office on Thursday the 9th, in front of a parent."),
    T("What did he say?"),
    C("That my marking is sloppy. At Greenbank Primary that's basically a public execution. The whole staffroom knew by lunch."),
    T("How did you respond?"),
    C("I tried to be frank back. I said I'd been covering Year 4 for Mrs. Delacroix since she went off sick. Then I went and cried in the loo."),
    T("Is there anyone you can take this to?"),
    C("My union rep. Her number's oh one two one, four nine six, oh nine oh two. I wrote it on my hand."),
    T("I wonder what it would be like to ring her this week."),
    C("Frank will find out. He finds out everything."),
], [
    I(1, "Frank Mullins", "PERSON", CW),
    I(1, "Thursday the 9th", "DATE"),
    I(3, "Greenbank Primary", "LOCATION", WORKPLACE),
    I(5, "Delacroix", "PERSON"),
    I(7, "oh one two one, four nine six, oh nine oh two", "PHONE", SPOKEN),
    I(9, "Frank", "PERSON", CW),
], [
    N(5, "frank", CWORD), N(5, "Year 4", ORG),
])

# 28 loneliness, older adult (brother over 89)
ex([
    T("How was your Christmas?"),
    C("Quiet. I went to see my brother Cyril at Meadowbank, the home in Dorking. He's ninety-nine now."),
    T("How was he?"),
    C("Sharp as a tack. He asked after my late wife, Ivy, by name. Said he still remembers our wedding at St. Bride's."),
    T("It sounds like that meant a lot."),
    C("It did. Nobody says her name anymore. My granddaughter Bethany rings on Sundays, but she doesn't like to upset me."),
    T("What would it be like to tell Bethany you'd like to talk about Ivy?"),
    C("I might. I'm eighty-four, I haven't got time to be proud. Her number's on the fridge. 01632 906 417... no, 01632 960 417."),
], [
    I(1, "Cyril", "PERSON"),
    I(1, "Meadowbank", "LOCATION", FACILITY),
    I(1, "Dorking", "LOCATION"),
    I(1, "ninety-nine", "AGE_OVER_89", WORDAGE),
    I(3, "Ivy", "PERSON", CW),
    I(3, "St. Bride's", "LOCATION", FACILITY),
    I(5, "Bethany", "PERSON"),
    I(6, "Bethany", "PERSON"),
    I(6, "Ivy", "PERSON", CW),
    I(7, "01632 906 417", "PHONE", MISSPOKEN),
    I(7, "01632 960 417", "PHONE"),
], [
    N(0, "Christmas", HOLIDAY), N(5, "Sundays", WEEKDAY), N(7, "eighty-four", AGE),
])

# 29 ADHD, university
ex([
    T("How's the term going?"),
    C("Behind on everything. I've got an extension request in with the disability office at Northmoor. My student number's 2107 4482, if you need it for the letter."),
    T("I might. Who should I address it to?"),
    C("Professor Nakamura-Ellis. Her page is on the department site, physics.northmoor.ac.uk/staff/nakamura-ellis, or just email k.nakamura-ellis@northmoor.ac.uk, she's quick."),
    T("Okay. What's been getting in the way this week?"),
    C("Sleep. I'm up till four on Reddit. And my housemate Ben keeps playing the drums. ben's lovely, but the drums."),
    T("What's one small thing we could try?"),
    C("The library on Granby Street opens at eight. I could go there before the lab this Friday, the 7th."),
], [
    I(1, "Northmoor", "LOCATION", WORKPLACE),
    I(1, "2107 4482", "ID"),
    I(3, "Nakamura-Ellis", "PERSON", HYPHEN),
    I(3, "physics.northmoor.ac.uk/staff/nakamura-ellis", "URL"),
    I(3, "k.nakamura-ellis@northmoor.ac.uk", "EMAIL"),
    I(5, "Ben", "PERSON"),
    I(5, "ben", "PERSON", LOWER, CONTR),
    I(7, "Granby Street", "LOCATION", STREET),
    I(7, "this Friday, the 7th", "DATE", REL),
], [
    N(5, "Reddit", ORG),
])

# 30 domestic abuse, refuge (Trish / Patricia, Dean)
ex([
    T("You're safe here. Take your time."),
    C("Thanks. I'm at the refuge now. I'm not allowed to say where, but it's not Swindon, that's all I'll say."),
    T("That's okay. How have the first few nights been?"),
    C("Strange. Quiet. The kids keep asking for their dad. Kayden's six and Lacey-Mae's three."),
    T("That's a hard question to answer for them."),
    C("The solicitor wants the photos of my face from that night, the ones on my old phone, for the hearing on the 16th of January."),
    T("Do you still have that phone?"),
    C("It's at my mum's in Chippenham. Dean knows her address, 5 Pound Lane, so I can't go and get it."),
    T("We can think together about safe ways to get it back."),
    C("My caseworker, Trish, said she could pick it up. Patricia Nwosu. She's been amazing."),
], [
    I(1, "Swindon", "LOCATION", NEGLOC),
    I(3, "Kayden", "PERSON", CONTR),
    I(3, "Lacey-Mae", "PERSON", CONTR, HYPHEN),
    I(5, "photos of my face", "OTHER", PHOTO),
    I(5, "16th of January", "DATE"),
    I(7, "Chippenham", "LOCATION"),
    I(7, "Dean", "PERSON", CW),
    I(7, "5 Pound Lane", "LOCATION", ADDR),
    I(9, "Trish", "PERSON", NICK),
    I(9, "Patricia Nwosu", "PERSON", VAR),
], [
    N(3, "dad", KIN), N(3, "six", AGE), N(3, "three", AGE), N(7, "mum", KIN),
])

# 31 health anxiety
ex([
    T("How's the health anxiety been?"),
    C("Bad week. My watch said my heart rate hit 140 sitting down, so I went to A&E at the Royal Victoria on the 8th."),
    T("What did they find?"),
    C("Nothing. They sent me home with a Holter monitor, serial HM-4402-7719-B, and a leaflet."),
    T("How did you feel when they said nothing was wrong?"),
    C("Relieved for about an hour. Then I went on heartworry-forum.net/threads/missed-arrhythmia and read about people whose monitors missed things."),
    T("So the reassurance faded and the searching started again."),
    C("Yeah. Dr. Ferreira at the surgery on Kingsley Road says I should delete the bookmark."),
    T("What do you make of that?"),
    C("She's right. My wife Mercy says the same. I'm forty-one, not eighty."),
], [
    I(1, "Royal Victoria", "LOCATION", FACILITY),
    I(1, "8th", "DATE", DOM),
    I(3, "HM-4402-7719-B", "OTHER", SERIAL),
    I(5, "heartworry-forum.net/threads/missed-arrhythmia", "URL"),
    I(7, "Ferreira", "PERSON"),
    I(7, "Kingsley Road", "LOCATION", STREET),
    I(9, "Mercy", "PERSON", CW),
], [
    N(1, "A&E", ORG), N(3, "Holter", ORG), N(9, "forty-one", AGE), N(9, "eighty", AGE),
])

# 32 break-up (Sandy / Alessandra)
ex([
    T("How are you doing since the breakup?"),
    C("Up and down. Sandy moved her stuff out on Sunday the 12th. Well, Alessandra. Only I called her Sandy."),
    T("What was it like watching her go?"),
    C("Like the flat got bigger and colder. 14B Marlowe Court, second floor. Everything echoes now."),
    T("Have you been in touch since?"),
    C("She unfollowed me. Her TikTok's @sandcastle.ale and I still check it. And she's moved in with some guy called Rocco in Hove."),
    T("What do you notice when you check it?"),
    C("A sandy-coloured dog I don't recognise. Mostly that I'm not in her life anymore."),
], [
    I(1, "Sandy", "PERSON", CW, NICK),
    I(1, "Sunday the 12th", "DATE"),
    I(1, "Alessandra", "PERSON", VAR),
    I(1, "Sandy", "PERSON", CW, NICK, n=2),
    I(3, "14B Marlowe Court", "LOCATION", ADDR),
    I(5, "@sandcastle.ale", "OTHER", HANDLE),
    I(5, "Rocco", "PERSON"),
    I(5, "Hove", "LOCATION"),
], [
    N(5, "TikTok", ORG), N(7, "sandy", CWORD),
])

# 33 opioid recovery
ex([
    T("How's the methadone dose feeling?"),
    C("Steady. I pick up daily at the Boots on Castle Street. The pharmacist, Gareth, knows me by now."),
    T("How's the craving been?"),
    C("Worse on payday, when the money comes in. My key worker, Bernie, says to plan something for that day."),
    T("Do you have a plan?"),
    C("Going to my sister's in Airdrie. She's got a new baby, Isla, born on the 2nd of February. Hard to use when you're holding a baby."),
    T("That's a really thoughtful plan."),
    C("My script number's on the bottle if you need it for the letter, R-7731-0045. And my CHI's oh one oh two eight five, four four one two."),
], [
    I(1, "Castle Street", "LOCATION", STREET),
    I(1, "Gareth", "PERSON"),
    I(3, "Bernie", "PERSON"),
    I(5, "Airdrie", "LOCATION"),
    I(5, "Isla", "PERSON"),
    I(5, "2nd of February", "DATE", BIRTH),
    I(7, "R-7731-0045", "ID"),
    I(7, "oh one oh two eight five, four four one two", "ID", SPOKEN, DOBINID),
], [
    N(1, "Boots", ORG), N(7, "CHI", ORG),
])

# 34 perfectionism, law firm
ex([
    T("How did the partner review go?"),
    C("Ms. Whitlock-Hayes gave me 'meets expectations'. At Pemberton & Wray that's basically failing."),
    T("What did that bring up for you?"),
    C("That I'm a fraud. I've had my bar number, 304417, for six years and I still feel like they'll take it away."),
    T("Where do you think that feeling comes from?"),
    C("My father. Judge Castellanos. Everyone in Albuquerque knew him, half of New Mexico probably. Nothing I did was ever enough."),
    T("And now you're carrying his voice into Pemberton & Wray."),
    C("Yeah. My wife Constance says I talk to myself the way he talked to me. She's right, and I hate it."),
], [
    I(1, "Whitlock-Hayes", "PERSON", HYPHEN),
    I(1, "Pemberton & Wray", "LOCATION", WORKPLACE),
    I(3, "304417", "ID"),
    I(5, "Castellanos", "PERSON"),
    I(5, "Albuquerque", "LOCATION"),
    I(6, "Pemberton & Wray", "LOCATION", WORKPLACE),
    I(7, "Constance", "PERSON", CW),
], [
    N(5, "New Mexico", GEO),
])

# 35 online impersonation, teenager
ex([
    T("You said something happened online this week?"),
    C("Someone made a fake account pretending to be me. It's instagram.com/real.tamsin.gale and it says which school I go to."),
    T("That sounds really violating. Have you reported it?"),
    C("Six times. I emailed their support from tamsin.gale2009@example.com and just got an automatic reply."),
    T("How are things at school?"),
    C("People keep screenshotting it. Someone put it in the year group chat. Mr. Oduya, my form tutor, said he'd talk to the head at Castlefield High."),
    T("Who else knows?"),
    C("My best friend Imogen. Immy. She found the IP address it was posted from on some website, 198.51.100.23. She thinks it's Chloe from netball."),
    T("And how are things at home?"),
    C("Dad wants to go to the police. He's already sent the officer a link, bit.ly/3xTmsn. I'm fifteen, I just want it gone."),
], [
    I(1, "instagram.com/real.tamsin.gale", "URL"),
    I(3, "tamsin.gale2009@example.com", "EMAIL"),
    I(5, "Oduya", "PERSON"),
    I(5, "Castlefield High", "LOCATION", WORKPLACE),
    I(7, "Imogen", "PERSON"),
    I(7, "Immy", "PERSON", NICK),
    I(7, "198.51.100.23", "OTHER", IP),
    I(7, "Chloe", "PERSON"),
    I(9, "bit.ly/3xTmsn", "URL"),
], [
    N(9, "Dad", KIN), N(9, "fifteen", AGE),
])


# ============================================================================
WORDCH = r"A-Za-z0-9_"


def find_nth(text: str, needle: str, n: int) -> int:
    """Start of the n-th (1-based) whole-word, case-sensitive occurrence."""
    pat = re.compile(r"(?<![%s])%s(?![%s])" % (WORDCH, re.escape(needle), WORDCH))
    hits = [m.start() for m in pat.finditer(text)]
    assert len(hits) >= n, f"{needle!r}: occurrence {n} not found in {text!r}"
    return hits[n - 1]


def annotate(spec, text, start, end):
    notes = [x for x in spec["notes"] if x != ENDPUNCT]
    if spec["type"] == "PERSON":
        before = text[:start].rstrip()
        if any(before.endswith(t) for t in TITLES):
            notes.append(TITLE)
        elif " " not in spec["text"] and SURNAME not in notes:
            notes.append(FIRST)
    if spec["type"] == "DATE" and re.search(
            r"(?i)(mon|tues|wednes|thurs|fri|satur|sun)day,? the \d", spec["text"]):
        notes.append(WKDAY)
    # a full stop right after a URL/e-mail/number is easy to swallow into the span
    if spec["type"] in ("EMAIL", "URL", "OTHER", "PHONE", "ID") and text[end:end + 1] == ".":
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
    n_utts = 0
    for k, exd in enumerate(EXCHANGES, 1):
        utts = [{"speaker": s, "text": t} for s, t in exd["utts"]]
        assert 4 <= len(utts) <= 10, (k, len(utts))
        n_utts += len(utts)
        spans = []
        for spec in exd["ids"]:
            text = utts[spec["u"]]["text"]
            start = find_nth(text, spec["text"], spec["n"])
            end = start + len(spec["text"])
            assert text[start:end] == spec["text"]
            assert spec["text"] == spec["text"].strip()
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
                pat = re.compile(r"(?<![%s])%s(?![%s])" % (WORDCH, re.escape(s["text"]), WORDCH))
                for m in pat.finditer(u["text"]):
                    ok = any(o["utterance"] == ui and o["start"] <= m.start() and m.end() <= o["end"]
                             for o in spans)
                    assert ok, f"exchange {k}: unmarked occurrence of {s['text']!r} in utterance {ui}"
        # negatives: present, and never inside a gold span
        for ng in exd["negs"]:
            text = utts[ng["u"]]["text"]
            start = find_nth(text, ng["text"], ng["n"])
            end = start + len(ng["text"])
            for o in spans:
                if o["utterance"] == ng["u"]:
                    assert end <= o["start"] or start >= o["end"], (k, ng, o)
            neg_counter[ng["cat"]] += 1
        for s in spans:
            type_counter[s["type"]] += 1
            for tag in s.get("note", "").split("; "):
                if tag:
                    tag_counter[tag] += 1
        records.append({"id": f"deid-{k:02d}", "utterances": utts, "identifiers": spans})
    return records, type_counter, tag_counter, neg_counter, n_utts


def readme(records, type_counter, tag_counter, neg_counter, n_utts):
    total = sum(type_counter.values())
    lines = [
        "# De-identification evaluation set (synthetic)",
        "",
        "`sessions.jsonl` is a small gold-standard set for evaluating transcript",
        "de-identification against the HIPAA Safe Harbor identifier categories.",
        "",
        "**Everything here is synthetic, written for this project.** The people, places,",
        "addresses, accounts and numbers are invented. Phone numbers use reserved",
        "fictional ranges (US 555-01xx, UK Ofcom drama ranges), IP addresses use the",
        "RFC 5737 documentation ranges, and e-mail / web addresses use invented or",
        "example domains. Real city or district names appear only as places.",
        "No real transcript was used or adapted.",
        "",
        "Regenerate (deterministic, asserts every span):",
        "",
        "    python3 tests/deid/make_sessions.py",
        "",
        "Do not edit `sessions.jsonl` or this README by hand: edit the script and re-run it.",
        "",
        "## Format",
        "",
        "One JSON object per line:",
        "",
        "```json",
        '{"id": "deid-01",',
        ' "utterances": [{"speaker": "Therapist" | "Client", "text": "..."}],',
        ' "identifiers": [{"utterance": 0, "start": 12, "end": 21, "text": "March 3rd",',
        '                  "type": "DATE", "note": "optional; tricky-case tags"}]}',
        "```",
        "",
        "- `utterance` is the 0-based index into `utterances`; `start`/`end` are",
        "  character offsets (Python `str` indices, end exclusive) into that utterance's",
        "  `text`, so `text[start:end] == identifier[\"text\"]`. All characters are in the",
        "  Basic Multilingual Plane, so the offsets are also valid UTF-16 offsets.",
        "- Identifiers are sorted by (utterance, start) and never overlap.",
        "- `note` is present only on tricky cases; several tags are joined with `\"; \"`.",
        "- The file is UTF-8 (`ensure_ascii=False`); the only non-ASCII character is `é`.",
        "",
        "## Annotation conventions",
        "",
        "- PERSON: the name only. Titles (Dr., Mrs., PC, Officer, Judge, Professor,",
        "  Father, Doc) are left out of the span; so is a following possessive or",
        "  contraction `'s` (`Tom's` -> `Tom`). Kinship words (Mum, Dad, Nana, Grandpa)",
        "  are not names, even capitalised.",
        "- LOCATION: anything below state level: cities, towns, districts, streets,",
        "  full addresses (one span for a whole address), intersections, and named",
        "  hospitals, care homes, churches, schools, universities and workplaces.",
        "  States and countries (Ohio, New Mexico, Afghanistan) are not marked.",
        "  Chain brands without a location (Boots, Nando's) are not marked; the street",
        "  that locates them is.",
        "- DATE: any date element more specific than a year, including day-of-month",
        "  alone (`the 14th` -> `14th`), weekday + day (`Friday the 14th`), relative but",
        "  specific dates (`3rd of next month`, `Last Thursday, the 23rd`), and a month",
        "  named as the time of an event (`in June`). A leading `the` is left out.",
        "  Years alone, weekdays alone (`on Monday`, `Sundays`) and holidays alone",
        "  (`Christmas`) are not marked.",
        "- AGE_OVER_89: the age expression only (`ninety-four`, `91`,",
        "  `a hundred and one`). Ages of 89 and below are not marked.",
        "- PHONE covers fax numbers. ID covers medical record, insurance member,",
        "  claim, licence, bank/sort-code, card (last digits too), student, passport,",
        "  visa, social security, prescription and court/crime reference numbers.",
        "  Labels (`RN`, `MRN`, `account`) stay outside the span.",
        "- OTHER: vehicle plates, device serials, IP addresses, social media handles,",
        "  and a reference to full-face photographs of the client.",
        "- Spans end before sentence punctuation; spoken numbers keep their internal",
        "  commas (`oh one two one, four nine six, oh nine oh two`).",
        "- Every whole-word, case-sensitive repeat of a gold string inside an exchange",
        "  is itself marked (the script checks this), so unmarked text is meant to",
        "  be a true negative.",
        "",
        "## Counts",
        "",
        f"- Exchanges: {len(records)}",
        f"- Utterances: {n_utts}",
        f"- Identifiers: {total}",
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
        "| Tag | Count |",
        "|---|---:|",
    ]
    for tag, c in sorted(tag_counter.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {tag} | {c} |")
    lines += [
        "",
        "## Deliberate negatives (present in the text, NOT marked)",
        "",
        "These are listed in `make_sessions.py` (the `N(...)` entries), which checks",
        "that each occurs and lies outside every gold span. They are not written to",
        "`sessions.jsonl`; any prediction on them is a false positive.",
        "",
        "| Category | Count |",
        "|---|---:|",
    ]
    for cat, c in sorted(neg_counter.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {cat} | {c} |")
    lines += [
        f"| **Total** | **{sum(neg_counter.values())}** |",
        "",
        "Examples: `I hope that doesn't sound ungrateful` next to a sister-in-law",
        "called Hope; `Grandpa died at 89`; `since 1958`; `the grace of God`;",
        "`I will never forget` next to a partner called Will; `every Monday`.",
        "",
        "## Known judgement calls",
        "",
        "- `June` is both a person and (in `Her wedding's in June`) an event month;",
        "  the month is marked DATE because Safe Harbor removes all date elements",
        "  except the year.",
        "- `Swindon` is marked even though it is named as where the client is *not*:",
        "  it still narrows the location.",
        "- `Steven` in deid-23 is a different person from `Stephen`/`Steve`.",
        "- Names that only appear inside an e-mail address or URL are covered by the",
        "  EMAIL/URL span and not marked separately.",
        "- The CHI number in deid-33 begins with a date of birth; it is one ID span.",
        "",
    ]
    return "\n".join(lines)


def main():
    records, type_counter, tag_counter, neg_counter, n_utts = build()
    total = sum(type_counter.values())
    assert len(records) >= 30, len(records)
    assert total >= 220, total
    for t in TYPES:
        assert type_counter[t] > 0, t
    with open(HERE / "sessions.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (HERE / "README.md").write_text(readme(records, type_counter, tag_counter, neg_counter, n_utts),
                                    encoding="utf-8", newline="\n")
    print(f"exchanges={len(records)} utterances={n_utts} identifiers={total}")
    for t in TYPES:
        print(f"  {t:12s} {type_counter[t]}")
    print(f"negatives={sum(neg_counter.values())}")


if __name__ == "__main__":
    main()
