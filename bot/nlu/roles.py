"""Who harms whom: the agent and the victim of the harm a message describes, and so the concern.

Read from syntax and relationship words, never from gender: "his wife hits him" and "she hits her
girlfriend" are read the same way for every gender and relationship. The person the message is
about (the patient, or a colleague) is whoever is *not* named by a relationship word: in "her
husband hits her" the husband is the relationship ("her husband"), so she is the patient and is
experiencing harm; in "he admits he pushed his wife" the wife is the relationship, so he is causing it.

    >>> read_roles("he says his wife hits him").concern
    'experiencing'
    >>> read_roles("she admitted she pushed her girlfriend").concern
    'causing'
    >>> read_roles("a colleague says her son takes her pension").concern
    'staff_experiencing'

How a message is read (one pass, no model):
1. People are found: relationship phrases ("her husband", "his mother in law", "the ex", "whose son")
   and patient phrases ("she", "him", "the patient", "an older man", "my colleague").
   Then each is placed (`_resolve`): a relationship the message says is the patient becomes the
   patient ("pt (dad)", "the husband is our patient"); "he"/"she" are matched to the one person whose
   word takes them ("his mum rang: she says he pushes her" - she is mum), only when one match is possible.
2. Harm phrases are found (data below: hitting, controlling, threatening, taking money, "won't let
   her", "is violent to", ...). For each, the agent is the nearest person before it in the same
   clause (a verb after "and" keeps the previous agent), the victim the nearest after it. Passive
   ("is hit by", "abused by") and fear ("scared of", "terrified of") swap the two. An object pronoun
   ("him") never does the harm; a clause with no subject keeps the one before. Some harm is judged by
   who does it alone (`_SELF`: threats to out someone, children kept from a parent) or who suffers it
   ("not allowed to").
3. A relationship as agent means the patient experiences harm; a relationship as victim means the
   patient causes it. When both are pronouns ("she says he hits her"), the patient is the first
   person the message mentions, with low confidence (the conversation confirms).
4. "staff_" when the person is a colleague ("a colleague", "member of staff", "one of our nurses").

Nothing here keeps or logs the text; `Roles` holds only labels and a confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import normalise

SURE = 0.9          # a relationship word names one side of the harm
PATIENT_NOUN = 0.8  # "the patient hits ..." / "... hits the patient"
FEAR = 0.85         # "she is scared of her son"
COREFERENCE = 0.8  # "his wife ... he hits her": the pronoun that owns the relationship is the patient
PRONOUNS_ONLY = 0.55  # "she says he hits her": who the patient is rests on word order alone
CONFIDENT = 0.8     # the reading rules act on a reading at least this sure


@dataclass(frozen=True)
class Roles:
    """The reading: `concern` is one of the pathway's concern values, or None when no harm is read.
    `agent` and `victim` are role labels ("patient", "colleague", "partner", "ex", "child", "parent",
    "sibling", "in-law", "carer", "relative"), never words from the message."""

    concern: str | None
    confidence: float
    agent: str | None = None
    victim: str | None = None

    @property
    def intent(self) -> str | None:
        """The disclosure intent this reading stands for."""
        if self.concern is None:
            return None
        return "disclose_perpetrating" if self.concern.endswith("causing") else "disclose_abuse"


NO_ROLES = Roles(None, 0.0)

# ----------------------------------------------------------------------------- words

# Relationship words -> the role label reported. Read after normalise() (no hyphens or apostrophes).
_RELATION = {
    **dict.fromkeys("partner partners husband husbands wife wives spouse spouses boyfriend boyfriends "
                    "girlfriend girlfriends fiance fiancee bf gf lover missus hubby".split(), "partner"),
    **dict.fromkeys("ex exes".split(), "ex"),
    **dict.fromkeys("son sons daughter daughters child children kid kids stepson stepdaughter grandson "
                    "grandsons granddaughter granddaughters grandchild grandchildren teenager teen toddler toddlers baby babies "
                    "infant newborn "
                    "stepchild stepkids".split(), "child"),
    **dict.fromkeys("mum mom mother father dad parent parents stepdad stepmum stepfather stepmother "
                    "nan nana gran grandma grandmother grandad grandpa grandfather grandparent "
                    "grandparents mam".split(), "parent"),
    **dict.fromkeys("brother brothers sister sisters sibling siblings stepbrother stepsister".split(), "sibling"),
    **dict.fromkeys("carer carers caregiver worker workers".split(), "carer"),   # support/care/key worker
    **dict.fromkeys("family relative relatives uncle aunt auntie cousin cousins nephew niece "
                    "housemate flatmate lodger".split(), "relative"),
}
_AGE = re.compile(r"^(?:\d+(?:yo|y|yr|yrs|yro|m|mo|months?)?|yo|year|years|yr|yrs|old|month)$")
# The pronoun a word takes ("his mum ... she"), to tell which person a later "he" or "she" is. Grammar
# for matching pronouns to people, never a guess at who harms whom.
_SHE = frozenset("wife wives girlfriend girlfriends gf fiancee missus mum mom mother mam stepmum stepmother nan "
                 "nana gran grandma grandmother daughter daughters stepdaughter granddaughter sister sisters "
                 "stepsister aunt auntie niece woman lady girl female".split())
_HE = frozenset("husband husbands boyfriend boyfriends bf fiance hubby father dad stepdad stepfather grandad "
                "grandpa grandfather son sons stepson grandson grandsons brother brothers stepbrother uncle "
                "nephew man gentleman gent guy lad bloke boy male".split())


def _gender(words: list[str]) -> str | None:
    """The pronoun the first gendered word of a phrase takes: "her ex husband" -> "he"."""
    for w in words:
        if w in _SHE or w[-1:] == "s" and w[:-1] in _SHE:     # "his mums money"
            return "she"
        if w in _HE or w[-1:] == "s" and w[:-1] in _HE:
            return "he"
    return None


_BODY_WORDS = frozenset("nose jaw arm arms rib ribs wrist wrists face eye eyes lip lips teeth fingers cheekbone "
                        "collarbone leg legs skull head neck throat hair hand hands back chest stomach".split())
_AGED = re.compile(r"^\d+(?:yo|yro|yr|yrs|y)$")
_CO_PARENT = frozenset("father mother dad mum".split())
_CHILD_WORDS = frozenset("baby babies child children kids kid son daughter unborn".split())
_PATIENT_NOUNS = frozenset("patient patients client woman man lady gentleman gent person girl boy guy lad "
                           "bloke female male".split())
_CARES_FOR = frozenset(("cares for", "care for", "looks after", "look after", "supports", "lives with"))
_STAFF_NOUNS = frozenset("colleague colleagues coworker coworkers workmate workmates".split())
_PRONOUN = {"she": "she", "her": "she", "herself": "she", "he": "he", "him": "he", "his": "he",
            "himself": "he", "they": "they", "them": "they", "their": "they", "themselves": "they",
            # the one typing about themself ("i lose my temper with my wife", "my husband hits me")
            "i": "i", "me": "i", "my": "i", "myself": "i"}
_OWN = frozenset(("his", "her", "their", "my"))    # possessive pronouns: a person only when no relationship follows
# Staff named by job ("a junior doctor on our team", "one of our nurses"): the person the message is about.
_JOB_NOUNS = frozenset("nurse nurses doctor doctors gp gps receptionist receptionists locum locums hca hcas "
                       "porter porters midwife midwives paramedic paramedics consultant consultants registrar "
                       "registrars pharmacist pharmacists physio physios therapist therapists cleaner cleaners assistant assistants "
                       "manager managers".split())
# "his wife's been shoving him" arrives as "his wifes been shoving him": "wifes" is the wife.
_AFTER_S = frozenset("been got gone always never just started become becomes taken had".split())
_BODY = ("nose|jaw|arms?|ribs?|wrists?|face|eyes?|lips?|teeth|tooth|fingers?|cheekbone|collarbone|legs?"
         "|skull|head|neck|hands?")
_POSSESSIVE = frozenset("her his their my our your whose the a an".split())
_MODIFIERS = frozenset("adult teenage older elderly young younger new former current abusive same sex "
                       "older own step late second first previous estranged violent long term".split())
_THINGS = frozenset("nose jaw arm arms ribs rib wrist face eye eyes lip teeth fingers cheekbone skull neck "
                    "phone phones money pension benefits card cards bank passport passports keys car wages "
                    "medication tablets account accounts documents messages texts mobile laptop savings "
                    "purse wallet email emails letters post diary laptop computer social media "
                    "food clothes temper anger moods mood behaviour reactions reaction outbursts rages drinking "
                    "violence location whereabouts pill contraception contraceptive contraceptives implant coil inhaler insulin "
                    "glasses walker wheelchair frame password passwords pin sim meds medicine medicines wage salary "
                    "door window windows tv telly fridge address rota".split())
_JOBS = (r"nurses?|doctors?|gps?|hcas?|(?:health ?care|care) assistants?|receptionists?|porters?|midwi(?:fe|ves)"
         r"|paramedics?|consultants?|registrars?|pharmacists?|physios?|therapists?|health visitors?|dentists?"
         r"|support workers?|cleaners?|locums?|managers?|students?|trainees?|phlebotomists?|dispensers?"
         r"|dispensary assistants?|(?:staff|student|agency|bank|senior|junior|band \d+) nurses?|junior doctors?"
         r"|(?:physician|nursing) associates?|apprentices?|secretar(?:y|ies)|administrators?|ward clerks?"
         r"|sonographers?|radiographers?|paramedic practitioners?|gp partners?|hcsws?|(?:pharmacy )?techs?|technicians?"
         r"|practice receptionists?|volunteers?|drivers?")
# A staff member, wherever in the message: the concern becomes staff_experiencing / staff_causing.
_STAFF_RE = re.compile(
    r"\b(?:colleagues?|co ?workers?|workmates?|member of (?:the )?(?:staff|team)|staff member"
    r"|one of (?:our|my|the) (?:\w+ ){0,2}(?:nurses|doctors|gps|staff|team|receptionists|assistants|hcas|locums|trainees|students"
    r"|partners at the practice|phlebotomists|health visitors|secretaries|admin staff|domestics"
    r"|midwives|colleagues|paramedics|porters|cleaners|managers|consultants|registrars|pharmacists|therapists)"
    r"|(?:at|in|on|from) (?:our|my) (?:practice|surgery|team|ward|unit|department|clinic|trust)"
    r"|^(?:a|an|our|one of (?:our|the|my)) (?:male |female |junior |senior |student |trainee |new |practice |district "
    r"|community |staff |ward |bank |agency |locum |dental |charge |lead |specialist )?"
    r"(?:nurses?|doctors?|gps?|hcas?|(?:health ?care|care) assistants?|receptionists?|porters?|midwi(?:fe|ves)"
    r"|paramedics?|consultants?|registrars?|pharmacists?|physios?|therapists?|health visitors?"
    r"|practice managers?|support workers?|cleaners?|locums?(?: gps?| doctors?)?|gp registrars?|trainees?|students?"
    r"|phlebotomists?|apprentices?|secretar(?:y|ies))"
    r"(?= (?:on|in|at|from|told|says|said|disclosed|admitted|confessed|has|is|was|who))"
    r"|(?:our|my) (?:practice manager|ward manager|team leader|line manager|manager|boss|supervisor)"
    r"|as (?:her|his|their) (?:line )?(?:manager|supervisor|team leader|clinical supervisor|educational supervisor)"
    r"|on (?:the|our|my) (?:rota|shift|team rota)"
    # "a doctor I work with", "someone who works on our ward", "I manage a midwife", "one of my team"
    r"|(?:" + _JOBS + r"|someone|somebody) (?:i|we) work with|(?:who|that) works (?:with me|with us|here|in our|on our|at our)"
    r"|i (?:manage|supervise|line manage)|(?:one|member|members) of my (?:team|staff)"
    r"|i am (?:a|an|the) (?:\w+ )?(?:" + _JOBS + r"|gp registrar|ward sister|sister)|i work (?:here |on the ward |in the practice )?as (?:a|an)"
    r"|^(?:" + _JOBS + r") (?=(?:was|is|has|had|mentioned|admitted|told|says|said|disclosed|on|from|in)\b)"
    r"|(?:a|an|one of the|one of our) (?:" + _JOBS + r") (?:here|on (?:our|the) (?:team|ward|rota))"
    r"|crew ?mates?|fellow (?:" + _JOBS + r"|staff members?))\b"
    r"|^(?:hr|human resources|occupational health|occ health|(?:staff )?wellbeing(?: team)?|staff support)\b"
    r"|\b(?:hr|occ health|occupational health|wellbeing team) (?:here|query|case|referral)\b"
    r"|^(?:\w+ ){0,3}?our (?:\w+ )?(?:" + _JOBS + r"|ward sister|charge nurse|matron|domestics?)\b"
    r"|^(?:the|our|a|an) (?:registrar|consultant|f1|f2|fy1|fy2|sho|reg|ward sister|charge nurse|matron|staff nurse)\b"
    r"|\b(?:a|an|one of the|one of our) (?:\w+ )?(?:" + _JOBS + r"|f1|f2|fy1|fy2|sho) (?:on|in|from) (?:ward|unit|bay) \w+"
    # a role only staff hold in a practice or on a ward: "the receptionist told me ...", "our locum GP"
    r"|^(?:the|our) (?:new |junior |senior |student |trainee |bank |agency |practice |surgery |ward )?(?:receptionists?|locum(?: gp| doctor)?|hcas?|(?:health ?care|care) assistants?|practice (?:nurse|manager)"
    r"|junior doctors?|porters?|ward clerks?)s?\b")

_REL_WORDS = "|".join(sorted(_RELATION, key=len, reverse=True))
_STAFF_RELATION = re.compile(
    rf"\b(?:{_REL_WORDS}) (?:who |that |he |she )?(?:works|is working|also works) (?:on|in|at|for) (?:our|the) "
    r"(?:reception|ward|practice|team|surgery|department|unit|clinic|pharmacy|dispensary)"
    rf"|\b(?:{_REL_WORDS}) is (?:one of our|a|an|our) (?:\w+ ){{0,2}}?(?:" + _JOBS + r")\b"
    rf"|\bour (?:" + _JOBS + rf") who is (?:her|his|their) (?:{_REL_WORDS})\b")

# Harm phrases, after normalise(). Active: agent before, victim after.
_ACTIVE = (
    r"hit|hits|hitting|beat|beats|beating|slap\w*|smack\w*|thump\w*|whack\w*|pinn?(?:ed|s|ing)? (?=(?:her|him|them|me)\b)"
    r"|shak(?:e|es|ing|en)|shook|bruis(?:ed|ing)|bruises (?=(?:her|him|them|me)\b)|scar(?:e|es|ed|ing) (?=(?:her|him|them|his|their|my)\b)"
    r"|(?:frighten|terrifi|terrify)\w* (?=(?:her|him|them|his|their|my)\b)"
    r"|(?:broke|broken|break\w*|fractur\w*|cut|split|bust\w*|blacked) (?=(?:\w+ ){0,2}?(?:" + _BODY + r")\b)"
    r"|calls? (?=(?:her|him|them|me|(?:his|her|their|my) \w+) (?:names|worthless|useless|stupid|ugly|fat|pathetic|a \w+|an \w+)\b)"
    # more harm forms (v9 dev): only letting her eat, twisting, squeezing, standing over, left in wet pads,
    # laughed at, made to delete, held passports, a hospital stay, "went for him", a threat told with "if"
    r"|only (?:lets?|let us|allows?|let) (?=(?:her|him|them|me) )|twist\w*|squeez\w*|stands? over|stood over"
    r"|(?:leav\w*|left) (?=(?:her|him|them|me) (?:in (?:wet|soiled|dirty)|without (?:food|water|meds|medication|help)|on the floor|alone for))"
    r"|laugh\w* at (?=(?:her|him|them|me) (?:when|for|in front|while))"
    r"|(?:made|makes?|making) (?=(?:her|him|them|me|(?:his|her|their|my) (?:\w+ )?\w+) (?:delete|block|unfriend|quit|give up|hand over|change|cut off|drop))"
    r"|(?:has|have|had|holds?|held|got) (?=(?:her|his|their|my) (?:passport|passports|documents|id|visa|papers|birth certificate)\b)"
    r"|puts? (?=(?:her|him|them|me) in (?:hospital|a and e|ae|resus|intensive care))|went for (?=(?:her|him|them|me)\b)"
    r"|(?:tells?|told|telling|warns?|warned|said to|says to|saying to) (?=(?:her|him|them|me|(?:his|her|their|my) \w+(?: \w+)?) (?:that )?if (?:she|he|they|i|you) (?:ever )?\w+"
    r"(?: \w+){0,4} (?:he|she|they|i|you) (?:will|would|is going to)|(?:her|him|them|me|(?:his|her|their|my) \w+(?: \w+)?) (?:that )?if (?:she|he|they|i|you) (?:ever )?\w+(?: \w+){0,4} ill )"
    # a threat to report someone: "told him I'd tell immigration he has overstayed"
    r"|(?:tells?|told|telling|warns?|warned|threaten\w*) (?=(?:her|him|them|me|(?:his|her|their|my) \w+) (?:that )?(?:(?:he|she|they|i) (?:will|would)|shed|id|hed|ill) "
    r"(?:tell|report|ring|call|grass to) (?:immigration|the home office|social services|ss|the police|his work|her work|their work|everyone|his family|her family))"
    r"|(?:tells?|told|telling) (?=(?:her|him|them|me|(?:his|her|their|my) \w+) (?:that )?(?:he|she|they|you) (?:would|will|is going to|was going to) (?:get it|pay|regret it|be sorry|get what))"
    r"|send\w* (?:\w+ ){0,3}?(?:loads|hundreds|dozens|lots|hundred) of (?:messages|texts|emails|msgs|calls)"
    r"|(?:borrow\w*|help\w* (?:himself|herself|themselves) to) (?:money )?from"
    r"|(?:answers?|speaks?|talks?) for (?=(?:her|him|them|me)\b)|did (?:it|this|that)(?= |$)"
    r"|scratch\w*|pinch\w*|spits? on|spat on|burn(?:s|t|ed)? (?=(?:her|him|them|me)\b)"
    r"|(?:steal\w*|stole|tak(?:e|es|ing)|took|nick\w*) (?:money )?from"
    r"|treat\w* (?=(?:her|him|them|me) like)|(?:mak(?:e|es|ing)|made) (?=(?:her|him|them|(?:his|her|their) \w+) (?:ask|beg|account|stay|wear|hand|give|sleep|do|have sex|send)\b)"
    r"|(?:sends?|sent|sending|texts?|texting|messag\w*|leaves?|left) (?=(?:\w+ ){1,3}?(?:threats\b|(?:threat\w*|abusive|nasty|horrible|vile)"
    r" (?:texts?|messages?|msgs?|txts?|voicemails?|vms?|emails?|letters?|notes?|dms?|snaps?|whatsapps?|comments?|posts?)\b))"
    r"|(?:post\w*|spread\w*|tell\w*|told|send\w*|sent|writ\w*|wrote|say\w*|said) (?:\w+ )?(?:lies|rumours|rumors|gossip|stories|rubbish|stuff|things|comments|abuse) (?:about|to)"
    r"|(?:mak\w*|made|fil\w*) (?:\w+ )?(?:false|malicious|made up|fake) (?:reports?|allegations?|claims?|complaints?) (?:\w+ ){0,3}?(?:about|against|on)"
    r"|(?:put|puts|putting|fitted|placed|hid|hidden|installed|stuck) (?:a |an )?(?:tracker|airtag|tracking device|gps tracker|gps|spyware"
    r"|camera|tracking app)s? (?:on|in|under|onto)"
    r"|(?:post\w*|shar\w*|put) (?=(?:where (?:she|he|they|i) (?:lives?|works?|is staying)|(?:her|his|their|my) (?:\w+ )?(?:new )?address)\b)"
    r"|(?:send|sends|sent|sending) threat\w*|punch\w*|kick\w*|push|pushed|pushes|pushing|shov\w*"
    r"|strangl\w*|chok(?:e|es|ed|ing)|throttl\w*|smother\w*|hurt|hurts|hurting|harm|harms|harmed|harming"
    r"|abus(?:e|es|ed|ing)|assault\w*|attack\w*|threat\w*|control(?:s|led|ling)?|bull(?:y|ies|ied|ying)"
    r"|belittl\w*|rap(?:e|es|ed|ing)|forc(?:e|es|ed|ing)|bit|bites|biting|headbutt\w*|grab\w*|drag\w*"
    r"|(?:shout\w*|scream\w*|yell\w*|swear\w*|spit\w*|spat|lash\w* out|lunge\w*|go(?:es)? for|went for) at"
    r"|(?:threw|throws|throw|throwing|thrown|chucked|chucks|lobbed) (?:\w+ ){1,3}?at"
    r"|(?:threw|throws|throw|throwing|flung|flings|slammed|slams|slamming|pinned) (?=(?:her|him|them|me) (?:against|into|across|down|onto|out of|to the))"
    r"|cut (?=(?:her|him|them|me) with)|touch\w* (?=(?:her|him|them|me)\b)|com\w* into (?=(?:her|his|their|my) (?:room|bed|bedroom)\b)"
    r"|(?:tells?|told|telling|calls?|called|calling) (?=(?:her|him|them|me) (?:that )?(?:(?:she|he|they|i) (?:is|are|am) )?(?:mad|crazy|useless|worthless"
    r"|stupid|ugly|fat|nothing|pathetic|mental|a liar|imagining (?:it|things)|paranoid|a bad (?:mum|mother|dad|father)|a waste of space|worthless|a joke|illegal)\b)"
    r"|(?:tells?|told|telling) (?=(?:her|him|them|me) (?:that )?(?:it is|its) (?:her|his|their|my) (?:own )?fault)"
    r"|(?:leav\w*|left|keep\w*|kept) (?=(?:her|him|them|me|(?:his|her|their|my) \w+) (?:locked|shut) (?:in|up|out))"
    r"|(?:make sure|makes sure|made sure|forc\w*|pressur\w*|push\w*) (?=(?:she|her|he|him|they|them) (?:gets? rid of|has an abortion|have an abortion|to have an abortion|into (?:an )?abortion|to get rid of|terminat))"
    r"|put\w* (?=(?:her|him|them|(?:his|her|their) \w+) in (?:her|his|their) place)"
    r"|(?:look\w* up|search\w* for|track\w* down|dig\w* out|access\w*|open\w*) (?=(?:her|his|their|my) (?:\w+ ){0,2}?(?:new )?(?:address|number|details|location|records|notes|file)\b)"
    r"|(?:is|was|been|being|got|has been) (?:\w+ )?reported (?:to \w+ )?by"
    r"|turn\w* (?:the |her |his |their )?(?:kids|children|child|son|daughter|family|friends|everyone) against"
    r"|(?:smash\w*|broke|break\w*|destroy\w*|wreck\w*|trash\w*|damag\w*|ripp\w*|tore|rip|rips|burn\w*|slash\w*|binned|bins) (?:up )?(?=(?:her|his|their|my) )"
    r"|(?:pressur\w*|coerc\w*|bull(?:y|ies|ied|ying)|guilt\w*|push\w*|talk\w*|forc\w*) (?=(?:her|him|them|me|(?:his|her|their|my) \w+) (?:in)?to (?:sex|have sex|sleep with|stop|come off|get pregnant|an abortion|a termination|marry|stay|drop))"
    r"|(?:controlling|coercive|abusive|violent|threatening|aggressive|intimidating) (?:behaviour|behavior|conduct) (?:towards|toward|to|against)"
    r"|sort (?=(?:her|him|them|me) out\b)"
    r"|(?:make|makes|made|making) (?=(?:her|him|them|me|(?:his|her|their|my) (?:\w+ )?\w+) (?:sleep|stay|stand|eat|kneel|wait|beg|apologise|ask) (?:in|outside|out|on|for|without|alone))"
    r"|(?:will not|does not|do not|did not|would not|never|wont|doesnt|dont) let"
    r"|(?:stop\w*|prevent\w*) (?=(?:her|him|them|(?:his|her|their|my) \w+) (?:from|seeing|going|leaving|working|having|taking|using|eating|sleeping|contacting|talking|coming|attending|getting|visiting|calling|phoning|driving))"
    r"|(?:keep\w*(?! (?:getting|receiving|having|being|on|going|coming|trying|asking|saying|telling|calling|ringing|texting|messaging|sending))|kept|hold\w*|held|hid\w*|hides?|tak(?:e|es|en|ing)|took|steal\w*|stole|us(?:e|es|ed|ing)|lock\w*"
    r"|chang\w*|bin\w*|flush\w*|tamper\w* with|withh[eo]ld\w*|cancel\w*|weigh\w*|ration\w*|damag\w*"
    r"|spend\w*|spent|check\w*|read\w*|go(?:es)? through|going through|went through|smash\w*|broke|break\w*)"
    r" (?=(?:\w+ ){0,3}?(?:phone|phones|money|pension|benefits|card|cards|passport|keys|wages|medication"
    r"|tablets|account|accounts|documents|messages|texts|mobile|savings|purse|wallet|emails?|letters|post"
    r"|diary|laptop|computer|social media|food|clothes|pill|pills|contraception|contraceptives?|implant|coil"
    r"|inhaler|insulin|glasses|walker|wheelchair|frame|passwords?|pin|sim|meds|medicines?|wages?|salary|earnings|location|whereabouts"
    r"|(?:front |back )?doors?|windows?|tv|telly|furniture|belongings|car keys|appts|appointments)\b)"
    # a belt or fists "taken to" someone; a threat to have them deported or their visa cancelled;
    # following; waiting outside; contact by the hundred; hands round a neck; sex without contraception
    r"|(?:tak(?:e|es|ing)|took) (?:a|the|his|her|their|my) (?:belt|stick|slipper|cane|strap|fists?|hand|hands|shoe) to"
    r"|(?:get|gets|getting|got|have|has|had|having) (?=(?:her|him|them|me) (?:deported|sent back|removed|sectioned|locked up|put away)\b)"
    r"|(?:report\w*) (?=(?:her|him|them|me) to (?:immigration|the home office|the border)\b)"
    r"|(?:have|has|had|get|gets|got) (?=(?:her|his|their|my) (?:visa|leave to remain|residency|status) (?:cancelled|revoked|taken)\b)"
    r"|follow\w* (?=(?:her|him|them|me|(?:his|her|their|my) \w+)\b)|wait\w* (?:for (?:her|him|them|me) )?outside"
    r"|(?:messag|text|call|ring|phon|email|dm|send|sent)\w* (?=(?:\w+ ){0,3}?(?:(?:hundreds|dozens|loads|scores) of times"
    r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|a hundred) times a (?:day|night|hour)|non ?stop|constantly|all day|all night|from fake accounts?|from (?:different|new|withheld|other) numbers)\b)"
    r"|put\w* (?:his|her|their|my|both) hands? (?:round|around|on) (?=(?:\w+ ){0,2}?(?:neck|throat)\b)"
    r"|(?:will not|does not|do not|refuses? to|refused to) (?:use|wear) (?:a )?(?:condoms?|contraception|protection)"
    r"|(?:tells?|told|telling|warns?|warned) (?=(?:her|him|them|me|(?:his|her|their|my) \w+(?: \w+)?) (?:that )?(?:(?:he|she|they|i) "
    r"(?:will|would|is going to|was going to)|shed|id) (?:\w+ ){1,10}?if\b)"
    r"|(?:conviction|convicted|charged|arrested|cautioned|bailed|remanded|sentenced|jailed|on bail|on licence|on license|on probation"
    r"|served time|did time|in prison|inside) (?:\w+ ){0,2}?for (?:abh|gbh"
    r"|assault\w*|common assault|battery|stalking|harassment|rape|coercive control|controlling behaviour|strangulation|domestic \w+)"
    r"(?: (?:on|against|of|towards))?"
    r"|monitor\w*|track\w*|(?:keep\w*|kept) tabs on|isolat\w*|stalk\w*|harass\w*|humiliat\w*|intimidat\w*|terroris\w*|manipulat\w*"
    r"|gaslight\w*|degrad\w*|insult\w*|neglect\w*|starv\w*|lock\w* (?=(?:\w+ ){0,4}?(?:in|out|up)\b)"
    r"|(?:is|are|was|were|been|being|gets|got|getting|becomes?) (?:very |really |so |quite |often )?"
    r"(?:violent|abusive|aggressive|controlling|cruel|nasty|rough|coercive|physical) (?:to|towards|with|at|on)"
    r"|(?:violent|abusive|aggressive|cruel|nasty|rough) (?:to|towards|with)"
    r"|lays? (?:a )?hands? on|laid (?:a )?hands? on"
    r"|los(?:e|es|ing|t) (?:it|(?:her|his|their) temper) (?:with|at)|putting (?:\w+ ){0,2}?down|makes? (?=(?:her|him|them|me) have sex)"
    r"|out (?=(?:him|her|them) to)|put (?:\w+ )?down|puts (?:\w+ )?down|ruin\w*"
    r"|(?:handy|free) with (?:his|her|their) fists|(?:put|puts|putting|got|gets) (?=(?:her|him|them|me) in (?:a )?(?:head ?lock|choke ?hold|strangle ?hold))"
    r"|batter\w*|(?:key|keyed|keys|keying|slash\w*|damag\w*|vandalis\w*) (?=(?:his|her|their|my) (?:car|van|tyres|bike|door))"
    r"|(?:keeps?|kept) turning up|turn(?:s|ed|ing)? up (?:uninvited|unannounced|drunk|at (?:the |(?:her|his|their|my) )?(?:work|workplace|house|home|flat|door|school|school gates?|nursery|refuge|new address)|(?:at|in|outside) (?:the |(?:her|his|their|my) )?(?:\w+ )?(?:car park|workplace))|(?:ring|call|phon|text|messag)\w* (?:\w+ ){0,3}?to check (?:up on|where|who|(?:she|he|they) is)"
    r"|(?:shar(?:e|es|ed|ing)|post\w*|leak\w*|send\w*|sent|show\w*) (?:\w+ ){0,4}?(?:nudes|(?:intimate|private|sexual|naked|nude) (?:images|photos|pictures|pics|videos|vids))(?: of)?"
    r"|(?:throw\w*|threw|thrown|chuck\w*|bin\w*) (?=(?:her|his|their|my) (?:\w+ )?(?:stuff|things|clothes|belongings|bags?|possessions) (?:out|away|in the bin))"
    r"|(?:shar(?:e|es|ed|ing)|post\w*) them (?=(?:when|after|online|on))"
)
# Not allowed ("she was not allowed to come to her scans"): the one not allowed is harmed.
_NOT_ALLOWED = (r"(?:is|was|are|were|am|being|been) (?:not|never|no longer) (?:allowed|permitted) to|(?:has|have|had) to ask (?:his|her|their|my|for) (?:permission|money)"
                r"|(?:gets?|got|getting|is|was|being|been) (?:\w+ )?(?:screamed|shouted|yelled|sworn) at")
_PASSIVE = (
    r"(?:is|was|are|were|been|being|gets|got|getting|get) (?:\w+ ){0,2}?(?:hit|beaten|slapped|punched|kicked"
    r"|pushed|shoved|strangled|choked|hurt|harmed|abused|assaulted|attacked|threatened|controlled|bullied"
    r"|raped|forced|bitten|stalked|harassed|belittled|intimidated|humiliated|isolated|coerced|exploited"
    r"|groomed|manipulated|neglected|targeted|mistreated|terrorised|battered|knocked|thrown|bossed|pushed)"
    r"(?: (?!by\b)\w+){0,6}? by"     # "pushed down the stairs by", "bossed around by"
    r"|(?:getting|gets|got|receiv\w*|had|has) (?:\w+ ){0,2}?(?:abusive|threatening|nasty|horrible|vile|sexual|constant)"
    r" (?:texts|messages|calls|emails|voicemails|dms|letters|comments|posts) (?:\w+ )?from"
    r"|(?:reported|accused|reports|accuses|report) (?=(?:him|her|them|(?:her|his|their|my) \w+(?: \w+)?) (?:to the police )?(?:for|of) "
    r"(?:\w+ ){0,2}?(?:stalk\w*|harass\w*|hitting|assault\w*|abus\w*|rap\w*|attack\w*|threat\w*|beating|violence|domestic))"
    r"|(?:victim|target) of|(?:abuse|violence|threats?|harassment|assaults?|attacks?|coercion|control) (?:from|by)"
)
_FEAR = r"(?:scared|afraid|frightened|terrified|fearful|wary|petrified|intimidated|nervous|in fear) of|fears"
# Naming oneself (or another) as the one who harms: "he is the abusive one", "she is the perpetrator".
# Blaming oneself for another's anger ("she says it is her own fault he gets angry"): the one harmed.
_BLAME = (r"(?:says?|said|thinks?|thought|feels?|felt|believes?|insists?|(?:tells?|told) (?:me|us|staff|the \w+)) (?:that )?(?:it is|its|it was|it is all|its all) (?P<blamer>her|his|their|my) (?:own )?fault"
          r"|blames? (?P<self_>herself|himself|themselves|myself)")
_SELF = (r"(?:is|am|are|was|being) (?:the )?(?:abusive|violent|controlling|aggressive) (?:one|partner|person)"
         r"|(?:is|am|are|was) the (?:one|only one) (?:who|that) (?:hits|hit|lashes|smashes|gets violent|starts it|kicks|punches|pushes|shoves|hurts|throws)"
         r"|(?:is|am|are|was) (?:the|a) (?:named |alleged |identified |main |known )?(?:abuser|perpetrator|aggressor|one (?:doing|causing) (?:the )?"
         r"(?:abuse|harm|hitting|violence|hurting))"
         # threatening to harm oneself to control a partner ("threatened to kill himself if she left")
         r"|threat\w* to (?:kill|hurt|harm|end) (?:himself|herself|themselves|myself|(?:his|her|their|my) (?:own )?life)"
         r"|(?:is|am|are|was) the one (?:doing|causing) (?:it|this|that)"
         r"|(?:will|would|is going to|going to) (?:kill|hurt|harm) (?:himself|herself|themselves|myself) if"
         r"|ill (?:kill|hurt|harm) myself (?:if|unless|when)"      # "i'll" arrives as "ill"
         r"|if (?:she|he|they|i|you) (?:ever )?(?:leaves?|left|go|goes|ends? it|splits? up) (?:he|she|they|i) (?:will|would|is going to) "
         r"(?:kill|hurt|harm) (?:himself|herself|themselves|myself)"
         # harm with no one named as its object: the one doing it is what matters (children kept from
         # the other parent, a home smashed up, all the money controlled, threats to tell or out someone)
         r"|(?:will not|wont|refus\w* to|threat\w* to (?:keep|take)) (?:bring|give|hand|return|send|keep|take) (?:the |her |his |their |our )?"
         r"(?:kids|children|baby|child|son|daughter|little one)s? (?:back|away)?"
         r"|(?:smash\w*|trash\w*|wreck\w*) (?:up )?(?:the|her|his|their|our) (?:house|home|flat|place|room|kitchen|stuff|things)"
         r"|put (?:his|her|their|a) fists? through|punch\w* holes in"
         r"|control\w* (?:all )?(?:of )?(?:the|her|his|their|our) (?:money|finances|bank|spending|cards)|(?:takes|took|take) what (?:he|she|they) wants?"
         r"|threat\w* to (?:tell|out|expose|report)\b(?! (?:the police|police|999))"
         r"|demand\w* money"
         r"|(?:kill\w*|hurt\w*|harm\w*|drown\w*|poison\w*|starv\w*|dump\w*|abandon\w*|get rid of|got rid of|kick\w*|strangl\w*)"
         r" (?:the |her |his |their |my )?(?:\w+ )?(?:family )?(?:cat|cats|dog|dogs|pets?|puppy|kitten|rabbit|bird)\b"
         r"|(?:get|have|has|had|getting) (?:the |her |his |their |my )?(?:kids|children|baby|child) (?:taken|removed|put into care)"
         r"|threat\w* to (?:leave|go|move|disappear|run off) (?:\w+ )?with (?:the |her |his |their |my )?(?:baby|kids|children|child)"
         r"|(?:gets?|getting|got|becomes?) (?:\w+ )?(?:rough|violent|physical|nasty|aggressive|handy)(?= when| if| after| whenever| once)"
         r"|(?:tell\w*|told|threaten\w*|warn\w*) (?:\w+ ){1,12}?unless (?:he|she|they|i) "
         r"|(?:known|named|identified|flagged|listed|discussed|referred) (?:\w+ ){0,4}?as the (?:named |alleged |main )?(?:perpetrator|abuser|aggressor|one causing (?:the )?(?:harm|abuse))"
         r"|as the (?:one|person) (?:causing|doing) (?:the )?(?:harm|abuse|violence)"
         r"|(?:took|takes|taking|take|removed|removes|pulled|pulls) (?:the |a |his |her )?condom off|holes in (?:the |his |her )?condoms"
         r"|(?:does not|do not|did not|will not|wont|never) (?:always )?stop when (?:she|he|they|(?:his|her|their) \w+) says? no"
         r"|(?:says?|said|thinks?|feels?) (?:he|she|they) (?:is|are|was) owed sex"
         r"|(?:always |usually |normally |often )?(?:start|starts|started) it\b"
         r"|(?:will not|wont|refuses? to|refused to|do not|dont|does not|doesnt|never) (?!let\b)(?:\w+ ){1,6}?unless (?:he|she|they|i) ")
# A court order against someone: "our locum GP has a non-molestation order against him" (he is the
# one restrained), "she has an injunction against her ex" (she is protected).
_ORDER = (r"(?:has|have|had|got|is under|under|served with|given|with) (?:a |an |the )?(?:\w+ )?"
          r"(?:non molestation order|non mol|restraining order|injunction|protection order|dvpo|dvpn|nmo)s? against")
# Breaking an order or bail: the one breaking it is the one restrained ("her ex breaching his bail").
_BREACH = (r"(?:despite|in breach of|breach\w*|broke|broken|breaking|breaks|ignor\w*|flout\w*) (?:the|a|an|his|her|their|my)"
           r" (?:\w+ ){0,2}?(?:order|injunction|bail|bail conditions|non mol\w*|dvpo|dvpn|nmo|restraining order)"
           r"|(?:order|injunction|bail conditions?) (?:protecting|to protect|that protects) (?=(?:her|him|them|me|(?:his|her|their|my) \w+))")
_HARM_RE = re.compile(rf"\b(?:(?P<passive>{_PASSIVE})|(?P<fear>{_FEAR})|(?P<self>{_SELF})|(?P<order>{_ORDER})|(?P<breach>{_BREACH})|(?P<blame>{_BLAME})|(?P<barred>{_NOT_ALLOWED})"
                      rf"|(?P<active>{_ACTIVE}))\b")
# Whoever speaks ("the gentleman says ..."): a verb after "and" belongs to someone after these words.
_REPORTING = frozenset("says said told tells reports reported disclosed discloses admits admitted explains "
                       "explained mentioned mentions states stated thinks feels".split())
_TO_TAKE = re.compile(r"^to (?:take|keep|have|get|snatch|remove) ")
_OBJECT_CASE = frozenset("him her them me us".split())
_ADMITS = frozenset("admits admitted admitting confessed confesses denies denied".split())
_AND_RE = re.compile(r"\b(?:and|then|but|or|by) (?:also |then |has |had |is |was |have |will |has been |had been"
                     r"|keeps |kept |always |sometimes |often |even )*$")
_CLAUSE_RE = re.compile(r"[,;:.!?()\n]+| - ")
_WHO_CLAUSE = re.compile(r"^(?:who|which) (?:is|was|are|were|has|had) ")
# An aside between commas or brackets (", also a woman,", "(who is older)") is dropped and the
# clause around it kept whole: "her partner, also a woman, hits her" is "her partner hits her".
_ASIDE_RE = re.compile(r"[,(]\s*(?:who|which|also|both|aged|a|an|themselves|herself|himself)\b[^,;.()]*[,)]|\(\s*(?:male|female|m|f)\s*\)")


# A relative clause naming where someone lives, dropped so its pronoun is not read as the agent.
_LIVES_WITH = re.compile(
    rf"\b({'|'.join(sorted(_RELATION, key=len, reverse=True))}) (?:that |who |whom )?(?:he|she|they|i) "
    r"(?:lives?|lived|living|stays?|stayed|is staying|lodges?|lodged) with\b"
    rf"|\b({'|'.join(sorted(_RELATION, key=len, reverse=True))}) (?:who|that) (?:lives?|lived|is living|stays?|is staying) "
    r"with (?:her|him|them|me)\b")


# The patient named by a relationship ("pt (stepdad)", "the son, our patient", "the husband is our
# patient", "the grandson we have got in resus"): that person is the patient, whatever the word.
_PT_IS = re.compile(r"\b(?:pt|patient|client)\s*\(\s*(?:the |her |his |their )?(?:\d+\s*(?:yo|y/o|yrs?)?\s*)?([a-z]+)[^)]{0,20}\)"
                    r"|\b([a-z]+)\s*[(,]\s*(?:our |the |my )?(?:pt|patient)\s*[),]")
_IS_PATIENT_AFTER = re.compile(r"^(?:our patient|the patient|patient|is (?:our|the|my) patient|(?:who|that) (?:we have got|"
                               r"we have|we are seeing|i am seeing|i saw|we saw|is in)|we have got|we are seeing|"
                               r"i am seeing|in (?:resus|majors|minors|cubicle|bay|bed|side room)|on (?:the )?(?:\w+ ){0,2}?ward)\b")
_PATIENT_IS = re.compile(r"\bpatient is $")
_PRONOUN_IS_PATIENT = re.compile(r"\b(she|he) is (?:our|the|my) patient\b")


def _resolve(clauses: list[tuple[list[str], list["_Person"]]], named: list[str]) -> list[list["_Person"]]:
    """Each clause's people with (1) a relationship that is the patient made the patient ("pt (dad)",
    "the husband is our patient") and (2) "he" or "she" made the one person they can stand for: a
    pronoun that is not the patient's own is the relationship that takes it ("his mum ... she"), by
    the grammar of the words, never by a guess at who harms whom."""
    out = []
    for words, people in clauses:
        marked = []
        for p in people:
            head = next((w for w in words[p.start:p.end] if w in _RELATION or w[:-1] in _RELATION), None)
            if p.kind == "relation" and (
                    _IS_PATIENT_AFTER.match(" ".join(words[p.end:p.end + 5])) or head in named or
                    _PATIENT_IS.search(" ".join(words[:p.start]) + " ")):
                p = _Person(p.start, p.end, "patient", "patient", None, p.gender)
            marked.append(p)
        for g in _PRONOUN_IS_PATIENT.findall(" ".join(words)):      # "... hit mum, she is our patient"
            matching = [k for k, p in enumerate(marked) if p.kind == "relation" and p.gender == g]
            if len(matching) == 1:
                k = matching[0]
                marked[k] = _Person(marked[k].start, marked[k].end, "patient", "patient", None, g)
        out.append(marked)
    everyone = [p for people in out for p in people]
    if everyone and not any(p.kind == "patient" and p.label == "patient" for p in everyone) and \
            not any(w in ("patient", "patients", "client") for words, _ in clauses for w in words):
        # "mum told the hv she hits the 15yo": a relationship word opening the message and reporting,
        # with no patient named, is the patient (a midwife's "mum", a health visitor's "dad")
        (words, _), people = next(((c, ps) for c, ps in zip(clauses, out) if ps))
        p = people[0]
        if p.kind == "relation" and p.label == "parent" and words[p.start] not in _OWN and words[p.end:p.end + 1] and \
                words[p.end] in _REPORTING and words[p.end + 1:p.end + 2] not in (["her"], ["him"], ["them"], ["me"]):
            people[0] = _Person(p.start, p.end, "patient", "patient", None, p.gender)
            everyone = [p for people in out for p in people]
    relations = [p for p in everyone if p.kind == "relation"]
    patient = {p.gender for p in everyone if p.kind == "patient" and p.label == "patient" and p.gender}
    for (words, _), people in zip(clauses, out):       # "pt says he only shoves her": he is the patient
        for p in people:
            if p.kind == "patient" and p.label == "patient" and words[p.end:p.end + 1] and words[p.end] in _REPORTING:
                said = words[p.end + 1:p.end + 3]
                g = said[1] if said[:1] == ["that"] and len(said) > 1 else (said[0] if said else None)
                if g in ("he", "she"):
                    patient.add(g)
    patient |= {o.pronoun for (words, _), people in zip(clauses, out) for p in people
                if p.kind == "relation" and (o := _owner(words, p)) and o.pronoun in ("he", "she")}
    if any(words[p.start] == "my" for (words, _), people in zip(clauses, out) for p in people if p.kind == "relation"):
        patient = {"i"}     # "my husband ... he said": the patient is the one typing
    if not patient:
        # nothing says the patient's gender: with one pronoun gender in the message, that is the
        # patient's ("the patient's fiance strangled him"); with "he" and "she" both, the one no
        # relationship takes ("mum says he pushed her": "her" is mum, so "he" is the patient)
        said = {p.pronoun for p in everyone if p.label == "pronoun" and p.pronoun in ("he", "she")}
        free = said - {r.gender for r in relations}
        patient = free if len(said) == 2 and len(free) == 1 else said
    resolved = []
    for people in out:
        row = []
        for p in people:
            g = p.pronoun if p.label == "pronoun" else None
            if g in ("he", "she") and g not in patient:
                same = [r for r in relations if r.gender == g]
                unknown = [r for r in relations if r.gender is None]
                to = same[0] if len(same) == 1 else (unknown[0] if not same and len(unknown) == 1 and patient else None)
                if len(patient) != 1:
                    to = None       # whose is whose is not clear: leave the pronoun as it was
                elif not relations and p.pronoun != next(iter(patient)):
                    p = _Person(p.start, p.end, "relation", "other", None, g)    # "pt says he shoves her"
                    row.append(p)
                    continue
                if to:
                    p = _Person(p.start, p.end, "relation", to.label, None, g)
            row.append(p)
        resolved.append(row)
    return resolved


@dataclass
class _Person:
    start: int          # token index
    end: int
    kind: str           # "relation" | "patient"
    label: str          # role label
    pronoun: str | None  # she / he / they, for matching pronouns
    gender: str | None = None   # "she" / "he" when the word itself says ("mum", "husband", "woman")


def read_roles(text: str) -> Roles:
    """Who does the harm a message describes, to whom, and so the concern (see the module docstring)."""
    clauses = [normalise(c) for c in _CLAUSE_RE.split(_ASIDE_RE.sub(" ", text[:1000]))]
    clauses = [c for c in clauses if c and not _WHO_CLAUSE.match(c)]   # ", who is also a woman," says no harm
    clauses = [_LIVES_WITH.sub(lambda m: m.group(1) or m.group(2), c) for c in clauses]          # "the brother he lives with pushes him"
    staff = bool(_STAFF_RE.search(" ".join(clauses)))
    first: _Person | None = None    # the patient: the first person named, "i" only when nobody else is
    first_i: _Person | None = None
    owners: set[str] = set()      # pronouns that own a relationship ("his wife": "he" is the patient)
    readings: list[tuple[float, str, str | None, str | None]] = []
    last_person: _Person | None = None
    parsed = [(clause, clause.split()) for clause in clauses]
    named = [a or b for a, b in _PT_IS.findall(text[:1000].lower())]
    crowd = _resolve([(words, _people(words)) for _, words in parsed], named)
    relation_people = [p for people in crowd for p in people if p.kind == "relation"]
    for (clause, words), people in zip(parsed, crowd):
        owners.update(o.pronoun for p in people if p.kind == "relation" and p.end - p.start > 1 and (o := _owner(words, p)))
        first = first or next((p for p in people if p.kind == "patient" and p.pronoun != "i"), None) or \
            next((o for p in people if (o := _owner(words, p)) and o.pronoun != "i"), None)
        first_i = first_i or next((p for p in people if p.kind == "patient"), None) or \
            next((_owner(words, p) for p in people if _owner(words, p)), None)
        offsets = _offsets(words)
        previous_agent: _Person | None = None
        previous_end = -1
        for m in _HARM_RE.finditer(clause):
            at = offsets.index(m.start()) if m.start() in offsets else None
            if at is None:
                continue
            end = at + len(m.group(0).split())
            before = [p for p in people if p.end <= at]
            after = [p for p in people if p.start >= end and p.start - end <= 6]
            # "him", "them", "me" (and "her" standing alone) are objects: never the one doing a harm
            subjects_before = [p for p in before if not (p.end - p.start == 1 and words[p.start] in _OBJECT_CASE)]
            before = subjects_before if m.group("active") or m.group("self") else before
            agent = before[-1] if before else last_person     # no subject of its own: the one before
            if agent and agent.kind == "relation" and len(before) > 1 and words[agent.start - 1:agent.start] == ["and"] \
                    and before[-2].kind == "patient" and before[-2].end == agent.start - 1 \
                    and words[agent.end:agent.end + 1] and words[agent.end] in ("are", "were", "have", "both", "all"):
                agent = before[-2]      # "pt and his brothers are pressuring her": the patient is one of them
            told = max((k for k in range(at) if words[k] in _REPORTING), default=-1)
            subjects = [p for p in before if p.start > told] or before
            if told >= 0 and told == at - 1 and words[told] in _ADMITS:
                agent = next((p for p in before if p.end <= told), agent)   # "pt ... admits shouting at him"
            if _AND_RE.search(clause[:m.start()]) and (agent is None or agent.end <= max(previous_end, 0)
                                                        or not subjects or agent is not subjects[0]):
                # "... and hits her": the verb after "and" keeps the clause's subject, not the
                # object of the verb before ("the ex keeps messaging him and threatening him"), nor
                # the one reporting it ("the gentleman says his grandson steals from him and hits him")
                agent = previous_agent or (subjects[0] if subjects else agent)
            if m.group("barred"):
                # the one not allowed is harmed: the patient, or ("the kids have to ask his permission") a relationship
                barred = before[-1] if before else agent
                if barred and barred.kind == "relation":
                    readings.append((PATIENT_NOUN, "causing", "patient", barred.label))
                elif barred and barred.kind == "patient":
                    readings.append((PRONOUNS_ONLY if barred.label == "pronoun" else PATIENT_NOUN,
                                     "experiencing", "other", "patient"))
                continue
            if m.group("blame"):
                blamer = _PRONOUN[m.group("blamer") or m.group("self_")]
                if agent and (agent.pronoun == blamer or agent.label == "patient"):   # "she (pt) says it is her own fault"
                    readings.append((PRONOUNS_ONLY if agent.label == "pronoun" and not owners else PATIENT_NOUN,
                                     "experiencing", "other", "patient"))
                continue
            if m.group("breach") and not m.group(0).startswith(("order", "injunction", "bail")):
                reading = _judge_self(agent, first or first_i, owners)     # the one breaking it harms
                if reading:
                    readings.append(reading)
                continue
            if m.group("self"):
                reading = _judge_self(agent, first or first_i, owners)
                if reading:
                    readings.append(reading)
                continue
            victim = after[0] if after else None
            if agent and victim and agent.label == victim.label == "pronoun" and agent.pronoun == victim.pronoun \
                    and agent.pronoun in ("he", "she") and words[victim.start] in _OBJECT_CASE:
                same = [r for r in relation_people if r.gender == agent.pronoun]
                if len(same) == 1:      # "pt admits she won't let her out": "her" is not "she", so the mother in law
                    victim = _Person(victim.start, victim.end, "relation", same[0].label, None, agent.pronoun)
            if victim and victim.label == "child" and _TO_TAKE.match(" ".join(words[end:victim.start + 1])):
                victim = None       # "threatening to take the baby": the baby is taken, the parent harmed
            if m.group("order"):
                reading = _judge_order(agent, victim)
                if reading:
                    readings.append(reading)
                continue
            if m.group("passive") or m.group("fear"):
                agent, victim = victim, agent
            reading = _judge(agent, victim, first or first_i, bool(m.group("fear")), owners)
            if reading:
                readings.append(reading)
            if m.group("active") or m.group("passive"):
                previous_agent, previous_end = (agent if not m.group("passive") else None), end
        # "husband locks the fridge, weighs her food, takes her card": the one doing the last harm
        told_at = max((k for k in range(len(words)) if words[k] in _REPORTING), default=-1)
        reported = [p for p in people if p.start > told_at]
        last_person = previous_agent or (reported[0] if told_at >= 0 and reported else people[0] if people else last_person)
    if not readings:
        return NO_ROLES
    confidence, concern, agent, victim = max(readings, key=lambda r: r[0])   # first of the surest
    if concern == "experiencing" and _STAFF_RELATION.search(normalise(text[:1000])):
        return Roles("staff_causing", confidence, "colleague", victim)     # the one harming her is staff
    if staff:
        concern = "staff_" + concern
        agent, victim = ("colleague" if a == "patient" else a for a in (agent, victim))
    return Roles(concern, confidence, agent, victim)


def _judge_self(agent: _Person | None, first: _Person | None = None, owners: set[str] = frozenset()):
    """"he is the abusive one": the patient named as the one who harms, or a relationship named so;
    "pt and his wife ... she is the one who hits": a pronoun other than the one owning the
    relationship is the relationship; "she says he is the abusive one": someone other than the
    first person named (not sure)."""
    if agent and agent.kind == "relation":
        return SURE, "experiencing", agent.label, "patient"
    if agent and agent.pronoun == "i":
        return PATIENT_NOUN, "causing", "patient", None      # the one typing names themself
    owners = owners & {"he", "she"}        # "their dad" says nothing of who "she" is
    if agent and agent.pronoun and agent.pronoun != "i" and owners and agent.pronoun not in owners:
        return COREFERENCE, "experiencing", "other", "patient"
    if agent and agent.pronoun and agent.pronoun in owners and len(owners) == 1:
        return COREFERENCE, "causing", "patient", "other"
    if agent and agent.pronoun and first and first.pronoun and agent.pronoun != first.pronoun:
        return PRONOUNS_ONLY, "experiencing", "other", "patient"
    if agent and agent.kind == "patient":
        return PATIENT_NOUN, "causing", "patient", None
    return None


def _judge_order(holder: _Person | None, against: _Person | None):
    """A court order: against a relationship, the patient is protected; against "him" after a person
    with no pronoun or the same one ("our locum GP ... against him"), the patient is restrained."""
    if holder is None or against is None:
        return None
    if against.kind == "relation" and holder.kind == "patient":
        return SURE, "experiencing", against.label, "patient"
    if against.pronoun == "i" and holder.pronoun != "i":
        return PATIENT_NOUN, "causing", "patient", None       # "she has a non-mol against me"
    if holder.kind == against.kind == "patient" and against.pronoun:
        if holder.pronoun == against.pronoun:
            return PATIENT_NOUN, "causing", "patient", None
        if holder.pronoun is None:      # "the patient has an order against him": restrained or protected?
            return PRONOUNS_ONLY, "causing", "patient", None
        return PATIENT_NOUN, "experiencing", "other", "patient"
    return None


def _judge(agent: _Person | None, victim: _Person | None, first: _Person | None, fear: bool,
           owners: set[str] = frozenset()):
    """(confidence, concern, agent label, victim label) for one harm phrase, or None."""
    if agent and agent.kind == "relation" and (victim is None or victim.kind == "patient"):
        return (FEAR if fear else SURE), "experiencing", agent.label, "patient"
    if victim and victim.kind == "relation" and (agent is None or agent.kind == "patient"):
        if agent is None and not fear:
            return None          # "... hits her husband" with no one before: not enough
        return (FEAR if fear else SURE), "causing", "patient", victim.label
    if agent and victim and agent.kind == victim.kind == "patient" and "i" in (agent.pronoun, victim.pronoun) \
            and agent.pronoun != victim.pronoun:
        # the one typing names themself: "i lock her phone away" (causing), "he hits me" (experiencing)
        causing = agent.pronoun == "i"
        return PATIENT_NOUN, "causing" if causing else "experiencing", \
            "patient" if causing else "other", "other" if causing else "patient"
    if agent and victim and agent.kind == victim.kind == "patient":
        if agent.label == "patient" and victim.label != "patient":
            return PATIENT_NOUN, "causing", "patient", "other"
        if victim.label == "patient" and agent.label != "patient":
            return PATIENT_NOUN, "experiencing", "other", "patient"
        if agent.pronoun and victim.pronoun and agent.pronoun != victim.pronoun and \
                (agent.pronoun in owners) != (victim.pronoun in owners):
            # "he cares for his wife ... he hits her": the one who owns the relationship is the
            # patient, the other pronoun is the relationship (pronouns told apart, not genders)
            causing = agent.pronoun in owners
            return COREFERENCE, "causing" if causing else "experiencing", \
                "patient" if causing else "other", "other" if causing else "patient"
        if agent.pronoun and victim.pronoun and agent.pronoun != victim.pronoun and first and first.pronoun:
            causing = agent.pronoun == first.pronoun
            return PRONOUNS_ONLY, "causing" if causing else "experiencing", \
                "patient" if causing else "other", "other" if causing else "patient"
    return None


def _people(words: list[str]) -> list[_Person]:
    """Relationship and patient phrases in a clause, in order."""
    people: list[_Person] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "co" and words[i + 1:i + 2] in (["worker"], ["workers"]):
            people.append(_Person(i, i + 2, "patient", "patient", None))      # "a co-worker": staff, not a carer
            i += 2
            continue
        person = _relation_at(words, i)
        if person:
            people.append(person)
            i = person.end
            continue
        base = w[:-1] if w.endswith("s") and len(w) > 3 else w
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if base != w and (base in _PATIENT_NOUNS or base in _STAFF_NOUNS or base in _JOB_NOUNS or base in _RELATION) and \
                (_relation_at(words, i + 1) or nxt in _THINGS):
            # "the patients carer", "my colleagues wife": a possessor, not a person of its own -
            # unless what follows is a thing ("his dads pension": the dad is the one harmed)
            if nxt in _THINGS and base in _RELATION:
                people.append(_Person(i, i + 1, "relation", _RELATION[base], None, _gender([base])))
            i += 1
            continue
        if w in _PATIENT_NOUNS and words[i + 1:i + 2] and words[i + 1] in _PRONOUN and \
                " ".join(words[i + 2:i + 4]) in _CARES_FOR:
            # "the man he cares for": the person cared for, a relationship of the patient's
            people.append(_Person(i, i + 4, "relation", "relative", None))
            i += 4
            continue
        if _AGED.match(w) and (i == 0 or words[i - 1] not in _OWN | {"the", "a", "an"}) and nxt not in _RELATION \
                and nxt not in _PATIENT_NOUNS and nxt not in ("old", "year", "years"):
            people.append(_Person(i, i + 1, "patient", "patient", None))     # "15yo admits shoving his sister"
            i += 1
            continue
        if w in ("teen", "teenager", "toddler") and nxt in _PATIENT_NOUNS:
            i += 1          # "teen boy hits his mum": an age, the boy is the person
            continue
        if w in _PATIENT_NOUNS or w in _STAFF_NOUNS or w in _JOB_NOUNS:
            people.append(_Person(i, i + 1, "patient", "patient", None, _gender([w])))
        elif w in _OWN and nxt in _MODIFIERS and not _relation_at(words, i + 1):
            pass        # "from her first marriage": a possessive, not a person
        elif w == "my" and nxt in _BODY_WORDS:
            people.append(_Person(i, i + 1, "patient", "pronoun", "i"))      # "squeezes my neck": the one typing
        elif w == "my":
            pass        # "my patient", "my temper": the one typing owns it; only "my husband" (a relationship) counts
        elif w in _PRONOUN and w not in _OWN or w in _OWN and not _relation_at(words, i + 1):
            people.append(_Person(i, i + 1, "patient", "pronoun", _PRONOUN[w]))
        i += 1
    return people


def _relation_at(words: list[str], i: int) -> _Person | None:
    """A relationship phrase starting at word i: [possessive] [modifiers] [ex] RELATION [in law(s)]."""
    j = i
    if j < len(words) and words[j] in _POSSESSIVE:
        j += 1
    while j < len(words) and (words[j] in _MODIFIERS or words[j] == "step" or _AGE.match(words[j])):
        j += 1          # "her adult son", "her 15yo daughter", "his 3 year old son"
    if j > i and words[i] in _OWN | {"the"} and (_AGED.match(words[j - 1]) or words[j - 2:j] == ["year", "old"]) \
            and not (j < len(words) and (words[j] in _RELATION or words[j] == "ex")):
        return _Person(i, j, "relation", "child", None, None)        # "she hits her 15yo", "the 3 year old"
    label, head = None, i
    if j < len(words) and words[j] == "ex":
        label, j = "ex", j + 1
        if j < len(words) and words[j] in _RELATION and _RELATION[words[j]] == "partner":
            j += 1
    elif j < len(words) and words[j] in ("in", "inlaws") and words[j:j + 2] in (["in", "laws"], ["inlaws"]):
        label, j = "in-law", j + (2 if words[j] == "in" else 1)
    elif j < len(words) and words[j][:-1] in _RELATION and (chained := _relation_at(words, j + 1)):
        label, j, head = chained.label, chained.end, chained.start   # "her exs new partner": the new partner
    elif j < len(words) and words[j][:-1] in _RELATION and words[j + 1:j + 2] and words[j + 1] in _AFTER_S:
        label, j = _RELATION[words[j][:-1]], j + 1          # "his wifes been shoving him": the wife
    elif j < len(words) and words[j][:-1] in _RELATION and words[j + 1:j + 2] and (
            words[j + 1] in _THINGS or words[j + 1] in ("new", "own") and words[j + 2:j + 3] and words[j + 2] in _THINGS):
        label, j = _RELATION[words[j][:-1]], j + 1          # "his mums pension": the mum is harmed
    elif j < len(words) and words[j] in _CO_PARENT and words[j + 1:j + 2] == ["of"] and \
            words[j + 2:j + 3] and words[j + 2] in _OWN and words[j + 3:j + 4] and words[j + 3] in _CHILD_WORDS:
        label, j = "partner", j + 4                          # "the father of her baby": a partner or ex
    elif j < len(words) and words[j] in _RELATION:
        label, j = _RELATION[words[j]], j + 1
        if words[j:j + 2] in (["in", "law"], ["in", "laws"]):
            label, j = "in-law", j + 2
    elif j < len(words) and words[j] == "other" and words[j + 1:j + 2] == ["half"]:
        label, j = "partner", j + 2
    if label is None or j == i:
        return None
    if words[j:j + 1] == ["of"] and (of := _relation_at(words, j + 1)) and of.kind == "relation":
        j = of.end          # "the new girlfriend of her ex": one person, a relationship of hers
    if i < len(words) and words[i] in ("a", "an") and label != "in-law":
        return _Person(i, j, "patient", "patient", None, _gender(words[head:j]))   # "a dad with dementia": the patient
    return _Person(i, j, "relation", label, None, _gender(words[head:j]))


def _owner(words: list[str], person: _Person) -> _Person | None:
    """Whose relationship it is: "her husband" -> she (the person the message is about)."""
    w = words[person.start] if person.kind == "relation" else ""
    return _Person(person.start, person.start, "patient", "pronoun", _PRONOUN[w]) if w in _PRONOUN else None


def _offsets(words: list[str]) -> list[int]:
    """Character offset of each word in " ".join(words)."""
    out, at = [], 0
    for w in words:
        out.append(at)
        at += len(w) + 1
    return out
