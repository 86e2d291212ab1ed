"""The people, words and notes the demo history is made of (all invented).

Addresses use the reserved ``.example`` domain so that no demo record points at a
real mailbox or profile.
"""

from __future__ import annotations

from typing import NamedTuple


class Profile(NamedTuple):
    """One hand-written demo contact and the part they play in the story."""

    name: str
    company: str
    role: str
    met_how: str
    tags: tuple[str, ...]
    circle: str | None
    cadence: int | None = None
    part: str = ""  # "new", "cold", "ask-only", "generous" or "" (an ordinary contact)
    notes: str = ""


# About 40 people: 6 inner, 14 active, 20 wider (one outside any circle).
PROFILES = (
    # inner
    Profile(
        "Siobhán O'Connor",
        "Fernhill Labs",
        "Engineering Director",
        "my manager at Quarry",
        ("mentor", "leadership"),
        "inner",
        21,
        "generous",
        "Monthly mentoring call; always asks about the marathon training.",
    ),
    Profile(
        "Kwame Mensah",
        "Tessellate",
        "Staff Engineer",
        "worked together at Quarry",
        ("platform", "friend"),
        "inner",
    ),
    Profile(
        "Priya Raghunathan",
        "Northwind Health",
        "Product Lead",
        "university friend",
        ("product", "healthtech"),
        "inner",
    ),
    Profile(
        "Mateus Costa",
        "Lumen Pay",
        "CTO",
        "built a side project together",
        ("founder", "payments"),
        "inner",
    ),
    Profile(
        "Aiko Tanaka",
        "",
        "Design consultant",
        "PyCon sprint",
        ("design", "freelance"),
        "inner",
        part="cold",
    ),
    Profile(
        "Dana Lee",
        "Brightwave",
        "Head of Talent",
        "introduced by Kwame",
        ("hiring",),
        "inner",
        notes="Prefers a call to a long email.",
    ),
    # active
    Profile(
        "José Álvarez",
        "Cobalt Analytics",
        "Data Science Manager",
        "Data Night meetup",
        ("data", "ml"),
        "active",
    ),
    Profile(
        "Nguyễn Thị Lan",
        "Orbital Freight",
        "Engineering Manager",
        "panel at LeadDev",
        ("logistics", "leadership"),
        "active",
    ),
    Profile(
        "Olumide Adebayo",
        "Kora Cloud",
        "Developer Advocate",
        "after his DevFest talk",
        ("devrel", "community"),
        "active",
    ),
    Profile(
        "Fatima Al-Sayed",
        "Meridian Bank",
        "Security Architect",
        "threat-modelling workshop",
        ("security",),
        "active",
        45,
    ),
    Profile(
        "Lars Østergaard",
        "Nordlys Energy",
        "VP Engineering",
        "commented on my post",
        ("energy", "leadership"),
        "active",
        part="cold",
    ),
    Profile(
        "Chloé Dubois",
        "Atelier Numérique",
        "Product Designer",
        "design sprint with her team",
        ("design",),
        "active",
    ),
    Profile(
        "Rahul Mehta",
        "Quarry",
        "Senior Engineer",
        "worked together at Quarry",
        ("alumni", "backend"),
        "active",
    ),
    Profile(
        "Elena Petrova",
        "Helix Bio",
        "ML Engineer",
        "Kaggle team",
        ("ml",),
        "active",
    ),
    Profile(
        "Gabriel Mendes",
        "Lumen Pay",
        "Backend Lead",
        "introduced by Mateus",
        ("payments", "backend"),
        "active",
    ),
    Profile(
        "Hannah Schmidt",
        "Tessellate",
        "Engineering Manager",
        "book club",
        ("leadership", "reading"),
        "active",
        part="cold",
    ),
    Profile(
        "Noor Haddad",
        "Sahel Ventures",
        "Investor",
        "startup demo day",
        ("investor",),
        "active",
        part="new",
    ),
    Profile(
        "Jae-won Park",
        "Hanbit Games",
        "Tech Lead",
        "game-dev Discord",
        ("games", "rust"),
        "active",
        part="new",
    ),
    Profile(
        "Thandiwe Nkosi",
        "Ubuntu Data",
        "Data Engineer",
        "Women in Data mentoring circle",
        ("data", "mentoring"),
        "active",
    ),
    Profile(
        "Mei-Ling Chen",
        "Brightwave",
        "Recruiter",
        "introduced by Dana",
        ("hiring",),
        "active",
    ),
    # wider
    Profile(
        "Kofi Boateng",
        "Accra Tech Hub",
        "Community Manager",
        "hallway chat at DevFest",
        ("community",),
        "wider",
        part="new",
    ),
    Profile(
        "Ingrid Haugen",
        "Fjord Analytics",
        "CTO",
        "LinkedIn comment thread",
        ("analytics",),
        "wider",
        60,
    ),
    Profile(
        "Björn Lindqvist",
        "Sundsvall Robotics",
        "Hardware Engineer",
        "robotics meetup",
        ("hardware",),
        "wider",
        part="cold",
    ),
    Profile(
        "Ana Lúcia Ferreira",
        "Pampa Agro",
        "Product Manager",
        "remote conference",
        ("agritech", "product"),
        "wider",
    ),
    Profile(
        "Yusuf Demir",
        "Bosphorus Labs",
        "Founder",
        "startup weekend",
        ("founder",),
        "wider",
        part="new",
    ),
    Profile(
        "Sofia Rossi",
        "Vela Mobility",
        "UX Researcher",
        "user-research meetup",
        ("research",),
        "wider",
        part="new",
    ),
    Profile(
        "Dmitri Volkov",
        "",
        "Rust consultant",
        "RustConf",
        ("rust", "freelance"),
        "wider",
    ),
    Profile(
        "Maya Goldberg",
        "Cedar Legal Tech",
        "COO",
        "panel at demo day",
        ("legal",),
        "wider",
    ),
    Profile(
        "Tariq Hussain",
        "Crescent Cloud",
        "SRE Lead",
        "on-call stories meetup",
        ("sre",),
        "wider",
    ),
    Profile(
        "Leilani Kahale",
        "Aloha Analytics",
        "Data Analyst",
        "online course cohort",
        ("data",),
        "wider",
    ),
    Profile(
        "Oskar Nieminen",
        "Revontuli",
        "Embedded Engineer",
        "Hacker News thread",
        ("embedded",),
        "wider",
        part="cold",
    ),
    Profile(
        "Camille Laurent",
        "Brume Studio",
        "Creative Director",
        "friend of Chloé",
        ("design",),
        "wider",
    ),
    Profile(
        "Liam O'Brien",
        "Harbour Capital",
        "Partner",
        "alumni dinner",
        ("investor", "alumni"),
        "wider",
        0,
        notes="Very busy; only get in touch with something specific.",
    ),
    Profile(
        "Amara Okafor",
        "Lagos Fintech Week",
        "Organiser",
        "spoke at her event",
        ("events", "fintech"),
        "wider",
        part="new",
    ),
    Profile(
        "Zoë van der Berg",
        "Polder AI",
        "Research Scientist",
        "NeurIPS poster session",
        ("ml", "research"),
        "wider",
        part="new",
    ),
    Profile(
        "Marcus Johnson",
        "Keystone Partners",
        "Executive Recruiter",
        "he emailed about a role",
        ("recruiting",),
        "wider",
        part="ask-only",
    ),
    Profile(
        "Tomasz Kowalski",
        "Wisła Systems",
        "Hiring Manager",
        "applied to his team",
        ("hiring",),
        "wider",
        part="ask-only",
    ),
    Profile(
        "Isabela Ruiz",
        "Andes Software",
        "Head of Engineering",
        "Engineering Leaders breakfast",
        ("leadership",),
        "wider",
        part="new",
    ),
    Profile(
        "Ayesha Siddiqui",
        "Indus Health",
        "Data Product Manager",
        "Women in Data meetup",
        ("healthtech", "data"),
        "wider",
        part="new",
    ),
    Profile(
        "Hiroshi Sato",
        "Kaizen Robotics",
        "Principal Engineer",
        "speakers' dinner",
        ("robotics",),
        None,
        0,
        part="new",
    ),
)

# Name parts for the large benchmark histories, from many places.
FIRST_NAMES = (
    "Aaliyah", "Abebe", "Adaeze", "Agnieszka", "Ahmed", "Aigerim", "Alejandro", "Amina",
    "Anders", "Ángela", "Anh", "Arjun", "Astrid", "Aylin", "Bao", "Beatriz", "Bilal",
    "Camila", "Chidi", "Chen", "Dafne", "Darius", "Diego", "Dilnoza", "Efua", "Elif",
    "Emeka", "Esperanza", "Farah", "François", "Freya", "Giulia", "Hamid", "Hana", "Ifeoma",
    "Ilse", "Imani", "Jamal", "Javier", "Jiho", "Joaquín", "Kai", "Kalani", "Karin",
    "Kenji", "Khadija", "Lakshmi", "Lena", "Luca", "Malak", "Marek", "Mariana", "Matías",
    "Minh", "Nadia", "Naledi", "Niamh", "Nikolai", "Omar", "Pania", "Paulo", "Rafael",
    "Ravi", "Renée", "Rin", "Saanvi", "Salma", "Santiago", "Seo-yeon", "Shira", "Søren",
    "Sunita", "Tamar", "Tendai", "Tiago", "Valentina", "Wanjiru", "Xin", "Yara", "Zainab",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Acheampong", "Ahmadi", "Andersen", "Banerjee", "Barbosa", "Bauer", "Cardoso",
    "Castillo", "Chowdhury", "Cruz", "D'Amico", "Dang", "Dlamini", "Eriksson", "Fernández",
    "Fischer", "Gómez", "Gupta", "Hakimi", "Hoang", "Horvath", "Ibrahim", "Ito", "Jensen",
    "Kamau", "Kaur", "Kim", "Kowalczyk", "Kuznetsova", "Larsen", "Le Roux", "Lindgren",
    "Lopes", "Machado", "Mahlangu", "Martínez", "Moreau", "Müller", "Nakamura", "Njoroge",
    "Novak", "O'Sullivan", "Obi", "Oliveira", "Owusu", "Papadopoulos", "Patel", "Pereira",
    "Quispe", "Rahman", "Reyes", "Rossi", "Saito", "Santos", "Schneider", "Shah", "Silva",
    "Sokolov", "Suzuki", "Tan", "Teo", "Tshabalala", "Varga", "Vasquez", "Wang", "Wójcik",
    "Yamamoto", "Yilmaz", "Zhou",
)  # fmt: skip
COMPANIES = (
    "Acorn Systems", "Birchline", "Bluefin Data", "Cinder Labs", "Cobalt Analytics",
    "Driftwood Health", "Ember Pay", "Fernhill Labs", "Granite Cloud", "Harbour Capital",
    "Indigo Robotics", "Juniper Learning", "Kestrel Security", "Lumen Pay", "Maple Logistics",
    "Nimbus Games", "Northwind Health", "Orbital Freight", "Pebble Studio", "Quarry",
    "Riverstone Bank", "Saffron Foods", "Tessellate", "Umbra Media", "Vela Mobility",
    "Willow Energy", "Yonder Travel", "Zephyr AI",
)  # fmt: skip
ROLES = (
    "Software Engineer", "Senior Engineer", "Staff Engineer", "Engineering Manager",
    "Product Manager", "Product Designer", "Data Scientist", "Data Engineer", "Founder",
    "CTO", "VP Engineering", "Recruiter", "Developer Advocate", "SRE", "Researcher",
    "Tech Lead", "Investor", "UX Researcher", "Security Engineer", "Consultant",
)  # fmt: skip
MET_HOW = (
    "meetup", "conference", "LinkedIn", "introduced by a friend", "former colleague",
    "university", "online community", "hackathon", "podcast guest", "mentoring programme",
    "cold email", "workshop",
)  # fmt: skip
TAGS = (
    "alumni", "backend", "community", "data", "design", "founder", "hiring", "investor",
    "leadership", "ml", "mentor", "platform", "product", "research", "rust", "security",
)  # fmt: skip

TOPICS = (
    "the platform migration",
    "hiring a staff engineer",
    "their data-mesh talk",
    "pricing experiments",
    "on-call rotations",
    "the move to Lisbon",
    "their Series A",
    "Rust in production",
    "design systems",
    "switching into ML",
    "the new team structure",
    "writing a first conference talk",
    "remote onboarding",
    "the open-source release",
)
EVENTS = (
    "Data Night meetup",
    "DevFest",
    "Engineering Leaders breakfast",
    "PyData evening",
    "product meetup",
    "startup demo day",
    "Women in Data meetup",
)

# Note templates per kind, or per "kind-channel" where the channel changes the story.
# Fields: {first} (the contact's first name), {company},
# {topic}, {event}, {other} (another contact's name, for introductions).
NOTES = {
    "reach-out": (
        "congrats on the new role at {company}",
        "asked how {topic} is going",
        "checking in after a while",
        "replied to their post on {topic}",
        "proposed a coffee next week",
        "sent a note about {topic}",
        "",
    ),
    "give": (
        "introduced to {other}",
        "sent the article on {topic}",
        "feedback on their draft about {topic}",
        "shared a job opening that fits their team",
        "recommended {first} for a speaking slot",
        "reviewed their CV",
        "congratulated on shipping {topic}",
        "shared my notes on {topic}",
    ),
    "meet": (
        "talked about {topic}",
        "long chat about {topic}; promised to send notes",
        "caught up on {topic}",
    ),
    "meet-coffee": (
        "coffee near the office — talked about {topic}",
        "coffee; {first}'s team is hiring",
        "walk and coffee, caught up on {topic}",
        "coffee; promised to send my notes on {topic}",
    ),
    "meet-call": (
        "video call about {topic}",
        "call: {first} wants advice on {topic}",
        "long call, caught up on {topic}",
    ),
    "meet-event": (
        "met at the {event}",
        "chatted after the talks at the {event}",
        "shared a table at the {event}",
    ),
    "follow-up": (
        "thanks for the chat — sent the links on {topic}",
        "sent the notes I promised",
        "followed up on the intro",
        "shared the slides",
        "checked back on {topic}",
    ),
    "ask": (
        "asked for an intro to someone at {company}",
        "asked for feedback on my talk proposal",
        "asked about {topic}",
        "asked for a referral",
        "asked for advice on negotiating an offer",
    ),
    "receive": (
        "got an intro to {other}",
        "feedback on my CV",
        "a referral for the role at {company}",
        "advice on {topic}",
        "reviewed my talk proposal",
    ),
    "post": (
        "posted about {topic}",
        "shared a write-up on {topic}",
        "short thread on lessons from {topic}",
    ),
}

REFLECTIONS = (
    "Two good coffees; the intro to Dana already led to a call.",
    "Mostly asks this week — next week should be about giving.",
    "Followed up on everything within a day. Felt good.",
    "Busy sprint at work; kept it to quick messages.",
    "The meetup was worth it: three new people, one real conversation.",
    "Reach-outs felt generic. Write shorter, more specific notes.",
    "Finally thanked Siobhán properly for the referral.",
    "Let two follow-ups slip past their due date.",
    "Calls work better than email for the inner circle.",
    "Good balance of online and in person this week.",
    "Shared the write-up and got two thoughtful replies.",
    "Quiet week, but every conversation was a good one.",
)
FOCUSES = (
    "Get back in touch with the people going cold",
    "Give first: two intros before any ask",
    "Follow up on the meetup contacts by Tuesday",
    "One coffee in person",
    "Personalise every reach-out",
    "Close the overdue follow-ups",
    "Congratulate people on their news",
    "Thank the people who helped with the job search",
    "Say yes to one event",
)
HOLIDAYS = (
    "Holiday — hiking in the Dolomites",
    "Holiday, offline all week",
    "Family visit; no networking this week",
)

# The two people the demo introduces to each other this week (demo/gatherings.py).
INTRODUCED = ("Mateus Costa", "Elena Petrova")
