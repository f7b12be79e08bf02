"""The shared vocabularies of ../shared/DESIGN.md: scenarios, analytics and Rasa slots use these names."""

CONCERNS = ("experiencing", "causing", "staff_experiencing", "staff_causing")
MENTIONED = "mentioned:"                # a state flag + a checklist theme id named in typed text (never the text)
SKIP_CHECKLIST = "/skip"                 # short of time (A&E): leave the checklist for MARAC and referral
ASK_WHICH_COLLEAGUE = "staff_unclear"   # "a colleague ...": experiencing abuse or causing harm? (asked, never guessed)

# Question ids the DASH-style checklist is scored on, in the order of the 2009 form's themes.
CHECKLIST = (
    "injury", "frightened", "fears", "isolation", "depression", "separation", "child_contact",
    "stalking", "pregnancy", "more_often", "getting_worse", "controlling", "weapons",
    "threats_to_kill", "strangulation", "sexual_abuse", "other_person_afraid", "hurt_others",
    "animals", "financial", "abuser_substance_mh", "abuser_suicide", "breached_bail",
    "criminal_history",
)

QUESTIONS = (
    "concern", "alone", "family_interpreter", "safe_to_talk", "disclosure",
    "still_concerned",              # ours: no or unsure disclosure, clinician still concerned (safeguarding anyway)
    "immediate_danger", "children", "pregnant", *CHECKLIST,
    "professional_concern", "police_callouts_12m", "previous_marac_12m",
    "age_60_plus", "lgbt", "male", "honour_based", "disability", "nrpf",
    "substance_misuse", "mental_health", "sexual_violence", "consent",
    "under_18",                     # ours: a 16- or 17-year-old is still a child for safeguarding
    # ours: the risk to others when someone discloses causing harm (safety first, Respect) ...
    "harm_strangulation", "harm_threats", "harm_weapons", "harm_concern",
    # ... and, for a colleague, their work (the LADO, adults at risk) and risk at work
    "works_with_children", "works_with_adults_at_risk", "partner_at_work",
)

INTENTS = (
    "greet", "goodbye", "affirm", "deny", "unsure", "immediate_danger", "disclose_abuse",
    "disclose_perpetrating", "restart", "help", "choose_area", "out_of_scope", "back",
    "faq/marac", "faq/idva", "faq/mash", "faq/consent", "faq/documenting", "faq/dash",
    "faq/perpetrator_services", "faq/police", "faq/couples_counselling", "faq/patient_declines",
)

SERVICE_KINDS = (
    "emergency", "police", "helpline", "idva", "marac", "mash", "adult_safeguarding",
    "safeguarding_lead", "refuge", "outreach", "housing", "perpetrator_service",
    "older_people", "lgbt", "male_victims", "minoritised", "disability", "nrpf",
    "honour_based", "stalking", "sexual_violence", "substance_misuse", "mental_health",
    "maternity",
    "lado",           # ours: the Local Authority Designated Officer (allegations against people who work with children)
)

RISK_BANDS = ("none", "standard", "medium", "high")

# How each kind of question may be answered; the values are what the state stores.
ANSWER_TYPES = {
    "yes_no": ("yes", "no"),
    "yes_no_unsure": ("yes", "no", "unsure"),
    "yes_no_dontknow": ("yes", "no", "dont_know"),
    "count": (),      # a whole number, or "dont_know"
    "choice": (),     # one of the step's options
}

# Engine actions a step may run ("do:").
ACTIONS = ("risk_result", "marac_result", "referrals", "summary")

# Facts a referral rule may test besides question ids (score: the checklist's yes answers).
RULE_FACTS = ("risk", "marac", "emergency_advice", "score")
