"""Contact details and places: email addresses, postcodes, street addresses, house names and flats,
social media handles."""
from __future__ import annotations

import re

from ..english_words import english_words
from .numbers import NI_COMMON_PREFIX
from .text import FUNCTION_WORDS, Finds, stopword

_TLD = r"(?:com|org|net|uk|gov|nhs|ac|info|biz|eu|edu|scot|wales|ie)"
_AT = r"(?:[(\[{<]at[)\]}>]| at )"
_DOT = r"(?:[(\[{<]dot[)\]}>]| dot )"
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+'\-])[a-z0-9._%+'\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"
    rf"|(?<![a-z0-9._%+'\-])[a-z0-9._%+'\-]+ ?@ ?[a-z0-9\-]+(?: ?\. ?[a-z0-9\-]+)*? ?\. ?{_TLD}\b"
    rf"|(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+ ?{_AT} ?[a-z0-9\-]+(?: ?{_DOT} ?[a-z0-9\-]+)*? ?(?:{_DOT}|\.) ?{_TLD}\b"
    # no dot after the "@" ("jane@example"); not a Telegram command "/start@pathbot_test_bot"
    r"|(?<![a-z0-9._%+'\-/])[a-z0-9._%+'\-]+@[a-z][a-z0-9\-]+(?![a-z0-9_])")
_EMAIL_CUE = re.compile(  # "her gmail is janedoe85", "email: j.doe": a handle with a digit, dot or _
    r"(?<![a-z])(?:e-?mail|gmail|hotmail|yahoo|outlook|icloud|proton ?mail|aol)"
    r"(?: address| addy| account)?(?: is| was| ?[:=\-])? ?([a-z][a-z0-9._%+\-]{2,})")
_EMAIL_CUE_WORDS = frozenset("email mail gmail hotmail yahoo outlook icloud proton protonmail aol".split())

_POSTCODE = re.compile(
    r"(?<![a-z0-9])[a-z]{1,2}[0-9][a-z0-9]?[ \-]?[0-9]([abd-hjlnp-uw-z]{2})(?![a-z0-9])")
_POSTCODE_NOT = frozenset({"st", "nd", "rd", "th", "hr", "yr", "wk", "pw", "pd", "bd"})
_POSTCODE_CUE = re.compile(  # a partial or spelled-out code after the word: "postcode is ZZ99", "z z 9 9 ..."
    r"(?<![a-z])(?:post ?code|p/code|p/c)(?: is| was)?(?: ?[:=\-])? ?"
    r"((?:[a-z] ){2,3}(?:[0-9a-z] ){1,4}[0-9a-z]|[a-z]{1,2} ?[0-9][a-z0-9]?)(?![a-z0-9])")

# Street addresses: a house number, one to three words, a street word ("14 Acacia Avenue",
# "22 high st"). Words that are also ordinary English ("close", "court", "park", "way") count only
# after capitalised words ("3 Example Court", not "2 family court hearings").
_STREET_STRONG = frozenset("street st road rd avenue ave lane ln crescent cres terrace tce grove gardens "
                           "gdns mews boulevard parade drive wynd".split())
_STREET_WEAK = frozenset("close court ct way place pl park green view walk row rise hill square sq gate "
                         "lodge house mount vale chase croft fold meadow meadows wharf quay yard cottages buildings "
                         "villas houses".split())
_STREET = re.compile(
    r"(?<![0-9a-z£$€/.:\-])[0-9]{1,4}[a-z]?,? ((?:[a-z]+(?:['\-][a-z]+)* ){1,3}?)"
    rf"({'|'.join(sorted(_STREET_STRONG | _STREET_WEAK))})\.?(?![a-z0-9'\-])")
_FLAT_BEFORE = re.compile(r"(?:flat|apartment|apt|unit|maisonette) [0-9]{1,4}[a-z]?,? $")   # "flat 3b 22 mercer row"
_ADDRESS_CUE = re.compile(  # "lives at no. 14", "her address is 3 The Close"; "lives at 14", "at number 14"
    r"(?<![a-z])(?:(?P<sure>(?:lives?|living|staying|stays|resides|residing|stopping) at (?:number|no\.?)"
    r"|(?:her|his|their|the|home|current|new|old|previous) address(?: is| was)?|address(?: is| was| ?[:=\-]))"
    r"|(?:lives?|living|staying|stays|resides|residing|stopping) at|at (?:number|no\.?))"
    r"(?: (?:flat|apartment|apt\.?|house))?[ :=\-]{0,3}[0-9]{1,4}[a-z]?(?![0-9a-z:.%/'])"
    r"(?:,? (?P<next>[a-z]+))?")
# A house number and "the" + the name of a small estate ("3 the paddocks", "12 The Maltings"): such
# names are plural place or tree words, listed because "3 the kids" must pass.
_ESTATE_WORDS = frozenset("paddocks maltings willows meadows orchards limes beeches laurels pines elms oaks "
                          "chestnuts firs hollies poplars larches cedars birches sidings ridings moorings "
                          "cloisters granary spinney coppice glebe hawthorns rowans sycamores maples".split())
_THE_STREET = frozenset("close green square chase croft".split())
_NUMBER_THE = re.compile(r"(?<![0-9a-z£$€/.:\-])[0-9]{1,4}[a-z]?,? the ([a-z]+)(?![a-z])")
ADDRESS_WORDS = _STREET_STRONG | _STREET_WEAK | _ESTATE_WORDS | frozenset(
    "lives live living staying stays resides residing stopping address number no".split())
_NOT_STREET = frozenset("""
min mins minute minutes hr hrs hour hours day days week weeks wk wks month months year years yr yrs
second seconds mile miles km metre metres meter meters yard yards foot feet times time pm am x
family crown magistrates county youth coroner coroners civil criminal car theme
different other others separate previous more or to and
""".split())

# Social media: an @handle anywhere; after a platform word, a handle with a digit, dot or underscore
# ("his insta is big_dave_1999"), or any uncommon word after "is"/"as"/":" ("on tiktok as dazza").
_HANDLE = re.compile(r"(?<![\w.@])@[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?(?![\w@])")
_PLATFORMS = ("insta|instagram|ig|snap|snapchat|tiktok|tik tok|twitter|facebook|fb|threads|discord|telegram"
              "|whatsapp|onlyfans|youtube|twitch|xbox|psn|gamertag|gamer tag|username|user name|handle|profile"
              "|grindr|tinder|hinge|bumble|pof|reddit|linkedin")
_PLATFORM_WORDS = frozenset(_PLATFORMS.replace(" ", "|").split("|"))
_PLATFORM_CUE = re.compile(
    rf"(?<![a-z])(?:{_PLATFORMS})(?![a-z])(?: (?:name|handle|account|username|profile))?"
    r"(?P<sep> is| was| ?[:=]| as| called| named| @| (?:he|she|they) (?:is|are)| (?:he|she)'?s| they'?re)? ?(?P<w>[a-z0-9_.]{2,30})(?![a-z0-9_])")
# House names and flats: "lives at The Old Rectory", "their house is called Hillside Farm",
# "flat 3 willow court", "apartment 4, the maltings".
_HOUSE_WORDS = ("cottage|cottages|farm|farmhouse|rectory|vicarage|lodge|manor|barn|barton|steading|grange|mill|villa|croft"
                "|house|hall|bungalow|court|view|heights|mews|gardens|place|towers?|point|wharf|manse|priory"
                "|forge|smithy|stables|oast|chapel|granary|schoolhouse|coach house")
# House words that name a house even in lower case after "the" ("lives at the old forge"), unlike
# "place", "house" or "view" ("moved to the new place" passes).
# "lives at the old bakery": "the old" + a word after a living-at cue names a converted building.
_OLD_HOUSE = re.compile(r"(?<![a-z])(?:lives?|living|staying|stays|resides|residing|moved) (?:at|to|into) the old "
                        r"(?!(?:people|peoples|folks|persons|one|ones|address|house|flat|place|home|area|estate)\b)[a-z]{3,}"
                        # "lives in the old lock keepers cottage" (v45 dev): "in" only before a named kind of building
                        r"|(?<![a-z])(?:lives?|living|staying|stays|resides|residing) in the old (?:[a-z]+ ){1,2}"
                        r"(?:cottage|lodge|mill|rectory|vicarage|forge|bakery|chapel|schoolhouse|farmhouse|toll ?house|signal box)(?![a-z])")
_NAMING_HOUSE_WORDS = frozenset("cottage farmhouse rectory vicarage lodge manor barn grange mill croft forge "
                                "smithy stables oast chapel granary schoolhouse manse priory".split())
_HOUSE_CUE = re.compile(
    r"(?<![a-z])(?:lives?|living|live|staying|stays|stopping|resides|residing|is|are|moved) (?:at|to) "
    rf"(?P<name>(?:the )?(?:[a-z]+ ){{0,2}}(?:{_HOUSE_WORDS}))(?![a-z])"
    r"|(?:house|home|cottage|farm|place|property)(?: is| was)? (?:called|named) (?P<called>[a-z]+)(?: (?P<called2>[a-z]+))?")
# "The Old Forge, Little Example": a capitalised "The Old ..." building names a house anywhere
_THE_OLD_CAPITAL = re.compile(r"(?<![A-Za-z])(?:The Old (?:Forge|Rectory|Vicarage|School ?[Hh]ouse|Mill|Bakery|Post Office"
                              r"|Chapel|Barn|Dairy|Smithy|Coach House|Stables|Granary|Manse|Schoolhouse|Police House"
                              r"|Station House|Farmhouse|Bothy)"
                              # "Old Forge Cottage, Little Example" (v46 dev): without "The", before a house word
                              r"|Old (?:Forge|Mill|Bakery|Dairy|Smithy|Chapel|School|Vicarage|Rectory|Station|Post Office)"
                              r" (?:Cottage|House|Farm|Barn|Lodge))(?![A-Za-z])")
# A house word after a word on no English word list: "visit to rosebank cottage", "at glenview farm"
_UNLISTED_HOUSE = re.compile(r"(?<![a-z])(?:at|to|from|visit(?:ed)?|near) (?P<name>[a-z]{4,}) "
                             r"(?:cottage|farm|farmhouse|lodge|grange|manor|rectory|vicarage|croft|barn|mill|steading)(?![a-z])")
# Welsh house names: "Ty Gwennol", "Plas Example", "Bwthyn Example" (Ty, Plas, Bwthyn, Hafod: house, hall,
# cottage, summer dwelling), capitalised, anywhere
_WELSH_HOUSE = re.compile(r"(?<![A-Za-z])(?:Ty|Plas|Bwthyn|Hafod|Tyddyn|Cartref) "
                          r"(?!(?:Ward|Unit|Clinic|Surgery|Hospital|Centre|Practice|Health)\b)[A-Z][a-z]{2,}(?![A-Za-z])"
                          r"(?! (?:[Ww]ard|[Uu]nit|[Cc]linic|[Ss]urgery|[Hh]ospital|[Cc]entre|[Pp]ractice|[Hh]ealth))")
_QUOTED_PLACE = re.compile(r"(?<![A-Za-z])(?:at|to|from|visit(?:ed)?|lives in|address) ['\"](?P<name>[A-Z][a-z]{2,}(?: [A-Z][a-z]+){0,2})['\"]")
_BOAT = re.compile(r"(?<![A-Za-z])(?:[Nn]arrow ?boat|[Hh]ouse ?boat|[Bb]oat|[Bb]arge)(?: now)?,? (?:called |named )?"
                   r"['\"]?[A-Z][a-z']+(?: [A-Z][a-z]+)*|moored (?:up )?(?:by|at|near|on) (?:the )?[A-Z][a-z]+ (?:[Ll]ock|[Mm]arina|[Ww]harf|[Bb]asin)")
_SCHOOL_WORDS = frozenset("primary academy infants juniors junior school grammar rc ce high".split())
_SAINTS_SCHOOL = re.compile(r"(?<![a-z])(?:st|saint)\.? [a-z]+s? (?:primary|academy|infants|juniors|junior school|high school"
                            r"|nursery|catholic|c of e|ce|rc)(?![a-z])")
_NAMED_SCHOOL = re.compile(r"(?<![A-Za-z])(?:(?:St|Saint)\.? )?[A-Z][a-z]+(?:'s)? (?:Primary|Academy|Infants|Juniors|Junior School"
                           r"|High School|High|Grammar|RC|C of E|CE Primary|Free School|Nursery School)(?![A-Za-z])")
_LIVES_AT_NAME = re.compile(r"(?<![a-z])(?:lives?|living|staying|stays) (?:at )?(?:[A-Z][a-z]+ )?[A-Z][a-z]{3,}"
                            r"(?: (?:Cottage|Farm|Lodge|House|Barn|Grange|Manor))?(?=,| -| nr| near| next to| by the)")
# "lives in Example Lea, the bungalow at the end of the lane", "new place is Example End, the last cottage":
# a named home (a town is not followed by "the bungalow")
_LIVES_IN_HOUSE = re.compile(r"(?<![a-z])(?:(?:lives?|living|staying|stays) in|(?:place|home|house) is|moved (?:in)?to) (?:[A-Z][a-z]+ )?[A-Z][a-z]{2,}, (?:the|a|an) (?:\w+ ){0,2}"
                             r"(?:bungalow|cottage|farmhouse|house|farm|lodge|barn|semi|caravan|flat|maisonette|chalet)\b")
_LIVES_IN_HOUSE_WORDS = frozenset("lives live living staying stays place home house moved".split())   # its cue needs one
_COMMA_STREET = re.compile(r", (?:[A-Z][a-z]+ ){1,2}(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Terrace|Grove|Way"
                           r"|Gardens|Rise|Walk|Row|Mews)(?![A-Za-z])(?! (?:[Ss]urgery|[Pp]ractice|[Cc]linic|[Hh]ealth|[Mm]edical))")
_NOT_A_HOUSE_NAME = frozenset("same one other old new first last best worst police".split())   # "called the same"
# v57 dev: a block and a flat together ("block C flat 22", "flat 22 block C")
_BLOCK_AND_FLAT = re.compile(r"(?<![a-z])(?:block|blk) [a-z0-9]{1,3},? (?:flat|apt|apartment|no\.?|number) ?[0-9]{1,4}[a-z]?(?![0-9a-z])"
                             r"|(?<![a-z])(?:flat|apt|apartment) ?[0-9]{1,4}[a-z]?,? (?:in |on |of )?(?:block|blk) [a-z0-9]{1,3}(?![a-z0-9])")
_FLAT = re.compile(
    r"(?<![a-z])(?:flat|apartment|apt|maisonette|unit|room)\.? ?(?:no\.? ?|number )?[0-9]{1,4}[a-z]?,? "
    r"(?P<w>[a-z]+)(?: (?P<w2>[a-z]+))?")
# A page, group or channel on a platform, named with a capital: "facebook page Sunny Side Bakes"
# (a business or person's page identifies them as a handle does).
_PLATFORM_PAGE = re.compile(
    rf"(?<![a-z])(?:{_PLATFORMS})(?![a-z])(?: business)? (?:page|group|channel|shop|account|profile)"
    r"(?: is| was| ?[:=\-]| called| named)? ?(?P<w>[a-z][a-z'\-]+)")
# After the word "address", a capitalised name ("address is The Willows, ..."), or a street, estate or
# house word within the next words ("address: the laurels, mill lane"); "address is the same" passes.
_ADDRESS_NAMED = re.compile(
    r"(?<![a-z])address(?:es)?(?: is| was| ?[:=\-])? ?(?P<w>[a-z][a-z'\-]*)(?P<rest>(?:,? [a-z'\-]+){0,3})")
# A street named without a number after a living cue: "lives on Mill Lane" (a capital), not "on a busy road".
_ON_STREET = re.compile(
    r"(?<![a-z])(?:lives?|living|staying|stays|stopping|resides|residing|moved|moving) (?:on|in|to|at|off|along) "
    r"(?:the )?(?P<name>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+)?) "
    r"(?:street|st|road|rd|avenue|ave|lane|ln|crescent|terrace|grove|gardens|drive|close|way|court|row|walk|rise|hill)(?![a-z])")
# A street whose name is on no English list, in any case, after "on", "off" or "at": "works on fenwick st"
_UNLISTED_STREET = re.compile(r"(?<![a-z])(?:on|off|at|in|along) (?P<name>[a-z][a-z'\-]{3,}) "
                              r"(?:street|st|road|rd|avenue|ave|lane|ln|crescent|terrace|grove|gardens|drive)(?![a-z])")
# A street named in capitals anywhere after "on", "off" or "at": "at her nan's on Meadow View",
# "the chip shop on Church Street"; a room at a named place: "room 12 at the Travelodge".
_CAPITAL_STREET = re.compile(
    r"(?<![a-z])(?:on|off|at|in) (?:the )?(?P<name>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+)?) "
    rf"(?P<kind>{'|'.join(sorted(_STREET_STRONG | _STREET_WEAK))})(?![a-z])")
# A house or farm named in capitals after a place word: "going to her aunt's at Example Farm", "back to
# Example Cottage", "from Example Lodge". Civic and public buildings ("the Town Hall", "Village Hall",
# "Opera House"), and a house word before a service ("Example House Surgery") pass.
_NAMED_PROPERTY_WORDS = ("farm|farmhouse|lodge|cottage|cottages|barn|barton|steading|manor|house|hall|halls|mill|grange|rectory|vicarage"
                         "|croft|villa|bungalow|priory|manse|oast|stables|forge|smithy|granary|schoolhouse")
# (after a place word, or a comma in an address written out: "room 214, block C, Example Halls")
_CAPITAL_HOUSE = re.compile(
    r"(?:(?:(?<![a-z])(?:at|to|from|near|into|outside|behind|towards|toward|past|round|around|up|down)|,) |^)(?:the )?"   # or opening the message (v50 dev)
    rf"(?P<name>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+)?) (?P<kind>{_NAMED_PROPERTY_WORDS})(?![a-z'\-])(?= (?P<nxt>[a-z]+))?")   # a look-ahead: it starts the next match
_PUBLIC_BUILDING = frozenset("""
town village city civic county church community parish memorial sports leisure market guild school court
council trust health medical family youth carers bingo dance concert music opera pump royal public pizza
curry coffee steak tea ale pancake kebab noodle chip white chapter guest boarding bath baths assembly
masonic scout guide drill union students student halls residence residents nursing care group
""".split())
_AFTER_PROPERTY_SERVICE = frozenset("""
surgery practice clinic centre center hospital hospice unit ward medical health care nursing residential
hostel refuge school nursery college academy primary office offices hotel restaurant pub bar cafe shop
shopping estate retail business industrial park station road street lane avenue drive close way
""".split())
# v62 dev: a pitch, plot or mooring by number on a named site; a boat named in capitals after "aboard"; a family
# business in capitals ("Example and Sons", "Example Brothers")
_PITCH = re.compile(r"(?<![a-z])(?:pitch|plot|berth|mooring) (?:no\.? |number )?[0-9]{1,4}[a-z]?,? (?:on|at|in) (?:the )?[a-z]+")
_ABOARD = re.compile(r"(?<![a-z])(?:aboard|on board|lives on) (?:the )?(?P<name>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+)?)")
_FAMILY_FIRM = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+ (?:(?:and|&) )?(?:Sons?|Brothers|Bros|Daughters)(?![A-Za-z])")
# v56 dev: a business named in capitals where someone works ("in the body shop at Example Motors")
_BUSINESS_WORDS = ("motors|garage|autos|cars|taxis|cabs|ltd|limited|builders|construction|logistics|haulage|plumbing"
                   "|electrical|roofing|scaffolding|salon|barbers|bakery|butchers|engineering|joinery|landscaping"
                   "|recruitment|lettings|transport|removals|fabrications|plant hire|hire")
# v63 dev: a school, college or university named in capitals ("at Example Sixth Form, year 13"), not a
# royal college "of" something; v69 dev: a refuge or hostel named in capitals ("at the Example Refuge")
_INSTITUTION_KINDS = ("sixth form college|sixth form|high school|grammar school|primary school|secondary school|college"
                 "|academy|school|university|uni|refuge|hostel")
_WORKPLACE = re.compile(r"(?<![a-z])(?:at|for|from|to) (?:the )?(?P<name>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+)?) "
                        rf"(?P<kind>{_BUSINESS_WORDS}|{_INSTITUTION_KINDS})(?![a-z])(?! of )")
# (a room at a named health centre, clinic or hospital is where the clinician works, not an address)
# v64 dev: a home named in capitals, then a room ("resident at The Willows room 22")
_AT_ROOM = re.compile(r"(?<![a-z])(?:at|in) the (?P<name>[a-z][a-z'\-]+(?: [a-z][a-z'\-]+)?),? (?:room|flat|apartment) [0-9]{1,4}[a-z]?(?![0-9])")
_ROOM_AT = re.compile(r"(?<![a-z])(?:room|flat|unit) [0-9]{1,4}[a-z]? at (?:the )?(?P<name>[a-z][a-z'\-]+)(?![a-z'\-])"
                      r"(?! (?:health cent(?:re|er)|medical cent(?:re|er)|medical practice|clinic|surgery|hospital|practice"
                      r"|hospice|infirmary|gp surgery|walk in cent(?:re|er)|health hub)\b)")
# A handle-shaped word (letters with digits or an underscore) in a message that names a platform:
# "posts as some_name_88 on tiktok".
# a word with a digit or underscore just before "on <platform>": "kaydenxo2 on snap", "big_d on insta"
_HANDLE_BEFORE_PLATFORM = re.compile(
    rf"(?<![\w.@])(?=[a-z][a-z0-9_]*(?:[0-9_]|\.[a-z]))[a-z][a-z0-9_.]{{2,}} (?:on|from|via) (?:{_PLATFORMS})(?![a-z])")
_HANDLE_SHAPED = re.compile(r"(?<![\w.@])(?=[a-z0-9_.]*[a-z])(?:[a-z][a-z0-9]*_[a-z0-9_]+|[a-z]{2,}[0-9]{2,})(?![\w@])")
# A house named after "house is": "her mum's house is Example Lodge" (a capital, then a house word).
_HOUSE_IS = re.compile(
    r"(?<![a-z])(?:house|home|cottage|farm|place|property|bungalow)(?: is| was| ?[:\-]) (?P<name>[a-z]+(?: [a-z]+)?) "
    rf"(?:{_HOUSE_WORDS})(?![a-z])")
_COMMON_AFTER_PLATFORM = frozenset("all the time too account messages message posts post pictures photos "
                                   "page private public again constantly daily live stories story "
                                   # a state of the account, not its name: "her facebook account was hacked"
                                   "hacked deleted closed blocked suspended locked banned reported fake new "
                                   "down gone active open shut removed cloned".split())
_FLAT_NOT = frozenset("floor floors bed beds bedroom bedrooms storey block blocks minutes mins".split())


def scan_email(low: str, words: set[str], f: Finds) -> None:
    """Addresses with "@" or spelled out, and a handle after an email word."""
    if "@" in low or ("at" in words and ("dot" in words or "." in low)):
        for m in _EMAIL.finditer(low):
            f.add(m, "email")
    if not words.isdisjoint(_EMAIL_CUE_WORDS):
        for m in _EMAIL_CUE.finditer(low):
            if f.free(m) and any(c.isdigit() or c in "._" for c in m[1].strip("._")):
                f.add(m, "email")


def scan_postcodes(s: str, low: str, words: set[str], n_digits: int, f: Finds) -> None:
    """Full postcodes, and a partial or spelled-out one after the word "postcode"."""
    if n_digits >= 2:
        for m in _POSTCODE.finditer(low):
            a, b = m.span(1)
            if f.free(m) and s[a:b] not in _POSTCODE_NOT:
                f.add(m, "postcode")
    if "post" in low or "p/c" in low or "code" in words:
        for m in _POSTCODE_CUE.finditer(low):   # not "postcode of 3 areas"
            if f.free(m) and any(c.isdigit() for c in m[1]) and m[1][:2] not in NI_COMMON_PREFIX:
                f.add(m, "postcode")


def scan_address(s: str, low: str, f: Finds) -> None:
    """House number + street ("14 Acacia Avenue"), or a house number after "lives at" / "address"."""
    for m in _STREET.finditer(low):
        a = m.start(1)
        between = s[a:m.end(1)].split()
        weak = m[2] in _STREET_WEAK and not _FLAT_BEFORE.search(low, max(0, m.start() - 16), m.start()) \
            and not low.endswith((" at ", "at "), 0, m.start())             # "she's at 14b gorse hill"
        if f.free(m) and all(
                w.lower() not in _NOT_STREET
                and (w.lower() not in FUNCTION_WORDS or (w == "The" and i == 0))
                and (not weak or w[:1].isupper())
                for i, w in enumerate(between)):
            f.add(m, "address")
    for m in _NUMBER_THE.finditer(low):      # "14a, the crescent", "6 the willows"
        if (m[1] in _ESTATE_WORDS or m[1] in _STREET_STRONG or m[1] in _THE_STREET) and f.free(m):
            f.add(m, "address")
    for m in _ADDRESS_CUE.finditer(low):
        # Without "address" or "number", the word after the number decides: "living at 18 with her
        # partner" (an age), "staying at 3 friends' houses", "lives at 2 different places" pass.
        nxt = m["next"]
        if f.free(m) and (m["sure"] or not nxt or not (
                nxt in _NOT_STREET or nxt in FUNCTION_WORDS
                or (len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith("ss")))):
            f.add(m, "address")


_FROM_HANDLE = re.compile(r"(?<![a-z])(?:from|as|called|named|by|via) [a-z][a-z0-9]*_[a-z0-9_]+(?![\w@])")


def _handle_shaped(low: str, f: Finds) -> None:
    for m in _HANDLE_SHAPED.finditer(low):
        if f.free(m):
            f.add(m, "social_media")
            break


def scan_handles(s: str, low: str, words: set[str], f: Finds) -> None:
    """Social media handles: an @handle, a handle after a platform word, or a named page."""
    if "@" in low:
        for m in _HANDLE.finditer(low):
            if f.free(m):
                f.add(m, "social_media")
                break               # one is enough for the verdict (bounds the worst case)
    if not words.isdisjoint(_PLATFORM_WORDS):
        for m in _PLATFORM_CUE.finditer(low):
            w = m["w"]
            said = s[m.start("w"):m.end("w")]
            # a digit, dot or underscore, or a capital inside the word ("gamer tag xXNightWolfXx", v63 dev)
            handle_like = any(c.isdigit() or c in "._" for c in w) and any(c.isalpha() for c in w) or \
                any(a.islower() and b.isupper() for a, b in zip(said, said[1:]))
            said_of = m["sep"] and m["sep"].strip().startswith(("he", "she", "they"))   # "on insta he's <handle>"
            named = said_of and _capitalised_name(s, m.start("w"), w)       # "on facebook he's Example Name"
            if f.free(m) and (handle_like or named or (m["sep"] and not said_of and not stopword(w)
                                                       and w not in _PLATFORM_WORDS and w not in _COMMON_AFTER_PLATFORM)):
                f.add(m, "social_media")
                break               # one is enough for the verdict (bounds the worst case)
        for m in _PLATFORM_PAGE.finditer(low):
            if f.free(m) and _capitalised_name(s, m.start("w"), m["w"]):
                f.add(m, "social_media")
                break
        _handle_shaped(low, f)
        for m in _HANDLE_BEFORE_PLATFORM.finditer(low):     # "kaydenxo2 on snap"
            if f.free(m):
                f.add(m, "social_media")
                break
    elif not words.isdisjoint(("account", "accounts", "profile", "online", "dm", "dms")):
        _handle_shaped(low, f)          # v58 dev: "messages her from an account called some_name_86"
    elif "_" in low:
        m = _FROM_HANDLE.search(low)    # v62 dev: "keeps messaging her from some_name_tom"
        if m and f.free(m):
            f.add(m, "social_media")


def _capitalised_name(s: str, at: int, word: str) -> bool:
    """The word at `at` starts with a capital, is not an acronym ("MASH") and not a common word."""
    original = s[at:at + len(word)]
    return original[:1].isupper() and not (len(original) > 1 and original.isupper()) and not stopword(word)


def scan_named_places(s: str, low: str, words: set[str], f: Finds) -> None:
    """An address named without a number: after the word "address", or a street after "lives on"."""
    if "address" in words or "addresses" in words:
        for m in _ADDRESS_NAMED.finditer(low):
            w, rest = m["w"], m["rest"].replace(",", " ").split()
            at = m.start("w")
            named = _capitalised_name(s, at, w) or (
                w == "the" and rest and _capitalised_name(s, low.index(rest[0], m.end("w")), rest[0]))
            placed = any(r in _STREET_STRONG or r in _ESTATE_WORDS or r in _NAMING_HOUSE_WORDS for r in [w, *rest])
            if f.free(m) and (named or placed):
                f.add(m, "address")
                break
    if not words.isdisjoint(("house", "home", "cottage", "farm", "place", "property", "bungalow")):
        for m in _HOUSE_IS.finditer(low):
            if f.free(m) and _capitalised_name(s, m.start("name"), m["name"].split()[0]):
                f.add(m, "address")
                break
    if s != low and not words.isdisjoint(_PROPERTY_GATE) and not _title_case(s):
        for m in _CAPITAL_HOUSE.finditer(low):
            if f.free(m) and _named_property(s, m):
                f.add(m, "address")
                break
    if not words.isdisjoint(("pitch", "plot", "berth", "mooring")):
        m = _PITCH.search(low)
        if m and f.free(m):
            f.add(m, "address")
    if s != low and not words.isdisjoint(("aboard", "board", "lives")):
        for m in _ABOARD.finditer(low):
            if f.free(m) and _capitalised_name(s, m.start("name"), m["name"].split()[0]):
                f.add(m, "address")
                break
    if s != low and not words.isdisjoint(("son", "sons", "brothers", "bros", "daughters")):
        m = _FAMILY_FIRM.search(s)
        if m and f.free(m):
            f.add(m, "address")
    if not words.isdisjoint(("on", "in", "to", "at", "off", "along", "for", "from")):
        if not words.isdisjoint(_STREET_STRONG):
            for m in _UNLISTED_STREET.finditer(low):
                if f.free(m) and m["name"] not in english_words()[0] and m["name"] not in FUNCTION_WORDS:
                    f.add(m, "address")
                    break
        for m in _ON_STREET.finditer(low):
            if f.free(m) and _capitalised_name(s, m.start("name"), m["name"].split()[0]):
                f.add(m, "address")
                break
        if s != low:                                   # both rules need a capital: none, nothing to scan
            for m in _CAPITAL_STREET.finditer(low):    # both words in capitals: a street's name
                if f.free(m) and _capitalised_name(s, m.start("name"), m["name"].split()[0]) \
                        and s[m.start("kind"):m.start("kind") + 1].isupper():
                    f.add(m, "address")
                    break
            for m in _WORKPLACE.finditer(low):       # both in capitals: a business's name
                if f.free(m) and _capitalised_name(s, m.start("name"), m["name"].split()[0]) \
                        and s[m.start("kind"):m.start("kind") + 1].isupper():
                    f.add(m, "address")
                    break
            for m in _AT_ROOM.finditer(low):
                if f.free(m) and _capitalised_name(s, m.start("name"), m["name"].split()[0]) \
                        and s[m.start("name") - 4:m.start("name") - 1] == "The":
                    f.add(m, "address")
                    break
            for m in _ROOM_AT.finditer(low):
                if f.free(m) and _capitalised_name(s, m.start("name"), m["name"]):
                    f.add(m, "address")
                    break


_PROPERTY_GATE = frozenset(_NAMED_PROPERTY_WORDS.split("|"))
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")


def _title_case(s: str) -> bool:
    """Every word of 3+ letters capitalised (at least three): capitals then say nothing about names."""
    long_words = _LONG_WORD.findall(s)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _named_property(s: str, m: re.Match) -> bool:
    """Every word of the name and the house word in capitals, none a public building's word."""
    a = m.start("name")
    names = m["name"].split()
    at = a
    for w in names:
        if not _capitalised_name(s, at, w) or w.lower().split("'")[0] in _PUBLIC_BUILDING:
            return False
        at += len(w) + 1
    return s[m.start("kind")].isupper() and (m["nxt"] is None or m["nxt"] not in _AFTER_PROPERTY_SERVICE)


def scan_house_names(s: str, low: str, words: set[str], f: Finds) -> None:
    """House names after "lives at" or "called", and flats with a name."""
    if not words.isdisjoint(("at", "to", "called", "named")):
        for m in _HOUSE_CUE.finditer(low):
            name = m["name"]
            if name is not None:
                first = name.split()[0]
                a = m.start("name")
                # "lives at the farm", "staying at a friends house" pass: the name must start with
                # a capital ("The Old Rectory") or a word that is not a function word
                if first in FUNCTION_WORDS and not (first == "the" and s[a + 4:a + 5].isupper()) and not (
                        first == "the" and len(name.split()) >= 3 and name.split()[-1] in _NAMING_HOUSE_WORDS
                        and name.split()[1] not in FUNCTION_WORDS):
                    continue
                if len(name.split()) == 1:
                    continue                    # "lives at home", "moved to court": a name has 2+ words
            elif m["called"] in FUNCTION_WORDS and not (     # "is called The Willows", "called the willows"
                    m["called"] == "the" and m["called2"] and m["called2"] not in FUNCTION_WORDS
                    and m["called2"] not in _NOT_A_HOUSE_NAME):
                continue
            if f.free(m):
                f.add(m, "address")
                break               # one is enough for the verdict (bounds the worst case)
    if "old" in words:
        m = _OLD_HOUSE.search(low) or _THE_OLD_CAPITAL.search(s)
        if m and f.free(m):
            f.add(m, "address")
    if not words.isdisjoint(_NAMING_HOUSE_WORDS) or "farm" in words:
        for m in _UNLISTED_HOUSE.finditer(low):        # "visit to rosebank cottage": no English word
            if f.free(m) and m["name"] not in english_words()[0]:
                f.add(m, "address")
                break
    if not words.isdisjoint(("ty", "plas", "bwthyn", "hafod", "tyddyn", "cartref")):
        m = _WELSH_HOUSE.search(s)
        if m and f.free(m):
            f.add(m, "address")
    if "'" in s or '"' in s:
        m = _QUOTED_PLACE.search(s)                     # "home visit at 'Example', ..." (a house named in quotes)
        if m and f.free(m):
            f.add(m, "address")
    if not words.isdisjoint(("narrowboat", "boat", "barge", "houseboat", "moored")):
        m = _BOAT.search(s)                             # "lives on a narrowboat, Example's Rest", "moored by Example lock"
        if m and f.free(m):
            f.add(m, "address")
    m = (not words.isdisjoint(_SCHOOL_WORDS) and (_NAMED_SCHOOL.search(s) or _SAINTS_SCHOOL.search(low))  # "St Bede's RC"
         or not words.isdisjoint(("lives", "live", "living", "staying", "stays")) and _LIVES_AT_NAME.search(s)
         or not words.isdisjoint(_LIVES_IN_HOUSE_WORDS) and _LIVES_IN_HOUSE.search(s))
    if m and f.free(m):                                                         # "lives at Rhoslyn, the bungalow"
        f.add(m, "address")
    if "," in s:
        m = _COMMA_STREET.search(s)                     # "..., Example Road" (a street named in capitals)
        if m and f.free(m):
            f.add(m, "address")
    if not words.isdisjoint(("flat", "apartment", "apt", "maisonette", "unit", "room")):
        if "block" in words or "blk" in words:
            m = _BLOCK_AND_FLAT.search(low)
            if m and f.free(m):
                f.add(m, "address")
        for m in _FLAT.finditer(low):
            w, w2 = m["w"], m["w2"]
            if w == "the" and w2:
                w = w2
            # "flat 3 on the first floor", "room 3 in the old block" pass; a place name follows a flat
            if f.free(m) and w not in FUNCTION_WORDS and w not in _NOT_STREET and w not in _FLAT_NOT \
                    and (low[m.start():m.start() + 4] in ("flat", "apar", "apt", "apt.", "mais")
                         or (w2 and w2 in _HOUSE_WORDS.split("|"))):
                f.add(m, "address")
                break               # one is enough for the verdict (bounds the worst case)
