"""The answers every document of the import corpus holds, written for jointly's tests.

Each answer is a list of blocks: ("p", text) a paragraph, ("ul", [items]) a bulleted list,
("ol", [items]) a numbered list, ("note", label, text) a footnote cited as [^label] in the
paragraph before it. Action-line questions have an intro, (code, label, text) lines and a
closing. Nothing here is copied from any real submission.
"""

QUESTIONS = {
    1: "What are the main achievements of the implementation of the WSIS process in the past 20 years?",
    2: "What are ITUs main contributions towards the implementation of the WSIS Process in 20 Years?",
    3: "The WSIS process stands as a strong example of global digital cooperation in action for over two decades now. How can we ensure that this inclusive multistakeholder model is sustained and further strengthened?",
    4: "What are the challenges that remain in the implementation of the WSIS process?",
    5: "Which specific Action Lines have had the most significant impact, and why?",
    6: "Considering that the WSIS outcomes have demonstrated their relevance and applicability to new and emerging areas, how can the implementation of the WSIS principles and corresponding WSIS Action Lines be enhanced to effectively address these topics?",
    7: "Have you any suggestions and inputs on the WSIS+20 Review Action Lines, highlighting key milestones, challenges and emerging trends beyond 2025 prepared by the WSIS Action Line facilitators.",
    8: "How can the alignment between the WSIS Action Lines and SDGs be strengthened towards the achievement of the 2030 Agenda for Sustainable Development?",
    9: "How can we further strengthen multistakeholder platforms such as the WSIS Forum as the platform for digital development and IGF as the platform for governance and policy issues?",
    10: "How can the implementation of the WSIS process and the Pact for the Future and its Global Digital Compact be aligned to achieve shared goals?",
    11: "What are the key emerging digital trends and topics to be considered by ITU in the WSIS+20 review and future vision beyond 2025?",
}

PARAPHRASES = {
    1: "Twenty years of results",
    2: "The role of the ITU",
    3: "Sustaining the model",
    4: "Open problems",
    5: "Action Lines that mattered",
    6: "New and emerging areas",
    7: "Beyond 2025",
    8: "Links to the SDGs",
    9: "Forum and IGF",
    10: "The Global Digital Compact",
    11: "Emerging trends",
}

# The call's own section titles, and one an organisation made up.
SECTIONS = [
    ("Implementation of the WSIS Process", [1, 2, 3, 4]),
    ("WSIS Action Lines", [5, 6, 7]),
    ("WSIS Action Line for advancing the SDGs", [8]),
    ("Looking ahead", [9, 10, 11]),
]

ANSWERS = {
    1: [
        ("p", "The greatest result of two decades is that connectivity became a public policy goal in almost every country, not only a market outcome. Regulators, ministries and community groups now share a language for talking about access."),
        ("p", "Our members saw libraries in small towns turn into training rooms, and rural radio stations start to stream their programmes to listeners abroad[^1]."),
        ("note", "1", "Survey of forty member libraries carried out in the spring of 2024."),
    ],
    2: [
        ("p", "The Union kept the measurement of the digital divide honest. Its household indicators let advocates compare one year with the next and one region with another."),
        ("p", "It also hosted the stocktaking of projects, which, however uneven, remains the only shared record of what was tried and where."),
    ],
    3: [
        ("p", "Participation must be paid for, not only invited. Travel support, interpretation and remote hubs belong in the core budget of every review."),
        ("p", "Each consultation should close with a public note that shows which inputs changed the outcome and which did not, and why."),
    ],
    4: [
        ("p", "Three obstacles keep coming back in our work:"),
        ("ol", [
            "Affordability: prepaid plans still run out halfway through the month for the poorest households.",
            "Skills: teachers are expected to use devices nobody trained them on.",
            "Short project cycles: funding ends before a service takes root.",
        ]),
        ("p", "None of these can be solved by infrastructure alone."),
    ],
    5: {
        "intro": "Two Action Lines stand out for the communities we serve.",
        "lines": [
            ("C2", "Information and communication infrastructure", "Shared towers and open access fibre brought the first affordable broadband to several districts."),
            ("C9", "Media", "Community radio gained licences in countries that had none, and with them a voice in local affairs."),
        ],
        "closing": "Both worked because local groups were part of the design.",
    },
    6: {
        "intro": "The principles already reach new topics; the implementation needs updating.",
        "lines": [
            ("C3", "Access to information and knowledge", "Open data from public bodies should be the default, with strong safeguards for personal data."),
            ("C10", "Ethical dimensions of the information society", "Automated decisions in public services need impact assessments and a way to appeal."),
        ],
        "closing": "",
    },
    7: {
        "intro": "We suggest milestones for three Action Lines.",
        "lines": [
            ("C4", "Capacity building", "By 2030 every district should have a trained local technician for public access points."),
            ("C7.e-government", "ICT applications (e-government)", "Online public services must keep an offline route for those who cannot use them."),
            ("C7.e-health", "ICT applications (e-health)", "Every rural clinic connected by 2030, with support for remote consultations."),
        ],
        "closing": "We are ready to discuss these milestones with the facilitators.",
    },
    8: [
        ("p", "Report WSIS progress inside the Voluntary National Reviews, so that digital policy is judged by the same goals as health and education."),
        ("ul", [
            "tag stocktaking entries with the targets they serve;",
            "publish indicators broken down by gender and location.",
        ]),
    ],
    9: [
        ("p", "Give the Internet Governance Forum a permanent mandate and predictable funding, and let national and regional forums send their messages directly into the review of the Action Lines."),
    ],
    10: [
        ("p", "One process, not two. Map each commitment of the Compact to an Action Line and ask the existing facilitators to report on both."),
        ("p", "A single review in 2030 would spare governments and civil society a second round of reporting."),
    ],
    11: [
        ("p", "Watch the cost of devices as older mobile networks switch off, the energy footprint of data centres, and the languages that speech technology still ignores."),
        ("p", "Satellite constellations deserve attention too: they may connect remote areas or crowd out local operators."),
    ],
}

# The same answers, shortened, in French, for the French documents.
QUESTIONS_FR = {
    1: "Quelles sont les principales réalisations de la mise en œuvre du processus du SMSI au cours des 20 dernières années ?",
    2: "Quelles sont les principales contributions de l'UIT à la mise en œuvre du processus du SMSI en 20 ans ?",
    3: "Comment garantir que ce modèle multipartite inclusif soit maintenu et renforcé ?",
    4: "Quels sont les défis qui subsistent dans la mise en œuvre du processus du SMSI ?",
    5: "Quelles grandes orientations ont eu l'impact le plus important, et pourquoi ?",
    6: "Comment renforcer la mise en œuvre des principes du SMSI pour traiter les nouveaux domaines ?",
    7: "Avez-vous des suggestions sur les grandes orientations au-delà de 2025 ?",
    8: "Comment renforcer l'alignement entre les grandes orientations et les ODD ?",
    9: "Comment renforcer les plateformes multipartites comme le Forum du SMSI et le FGI ?",
    10: "Comment aligner le processus du SMSI et le Pacte numérique mondial ?",
    11: "Quelles tendances numériques émergentes l'UIT doit-elle prendre en compte ?",
}

ANSWERS_FR = {
    1: [("p", "La connectivité est devenue un objectif de politique publique dans presque tous les pays, et plus seulement un résultat du marché.")],
    2: [("p", "L'Union a maintenu une mesure honnête de la fracture numérique, grâce à ses indicateurs sur les ménages.")],
    3: [("p", "La participation doit être financée et pas seulement encouragée : voyages, interprétation et salles à distance.")],
    4: [
        ("p", "Trois obstacles reviennent sans cesse :"),
        ("ol", [
            "le coût des forfaits pour les ménages pauvres ;",
            "la formation des enseignants ;",
            "des projets trop courts pour durer.",
        ]),
    ],
    5: [("p", "Les infrastructures partagées et les radios communautaires ont le plus changé la vie de nos membres.")],
    6: [("p", "Les données publiques ouvertes par défaut, avec une protection solide des données personnelles.")],
    7: [("p", "Un technicien local formé dans chaque district d'ici 2030 et chaque dispensaire rural connecté.")],
    8: [("p", "Rendre compte des progrès du SMSI dans les examens nationaux volontaires.")],
    9: [("p", "Donner au Forum sur la gouvernance de l'internet un mandat permanent et un financement prévisible.")],
    10: [("p", "Un seul processus et un seul examen en 2030, plutôt que deux.")],
    11: [("p", "Le coût des appareils, l'empreinte énergétique des centres de données et les langues oubliées.")],
}

QUESTIONS_ES = {
    1: "¿Cuáles son los principales logros de la aplicación del proceso de la CMSI en los últimos 20 años?",
    2: "¿Cuáles son las principales contribuciones de la UIT en 20 años?",
    3: "¿Cómo podemos garantizar que este modelo multipartito inclusivo se mantenga y se refuerce?",
    4: "¿Qué desafíos persisten en la aplicación del proceso de la CMSI?",
    5: "¿Qué Líneas de Acción han tenido el mayor impacto y por qué?",
    6: "¿Cómo mejorar la aplicación de los principios de la CMSI en los nuevos ámbitos?",
    7: "¿Tiene sugerencias sobre las Líneas de Acción después de 2025?",
    8: "¿Cómo reforzar la alineación entre las Líneas de Acción y los ODS?",
    9: "¿Cómo fortalecer el Foro de la CMSI y el FGI?",
    10: "¿Cómo alinear el proceso de la CMSI con el Pacto Digital Global?",
    11: "¿Qué tendencias digitales emergentes debe considerar la UIT?",
}

ANSWERS_ES = {
    1: [("p", "La conectividad se convirtió en un objetivo de política pública en casi todos los países.")],
    2: [("p", "La Unión mantuvo una medición honesta de la brecha digital con sus indicadores de hogares.")],
    3: [("p", "La participación debe financiarse: viajes, interpretación y salas remotas en el presupuesto principal.")],
    4: [("p", "El costo de los planes, la formación docente y proyectos demasiado cortos siguen siendo obstáculos.")],
    5: [("p", "La infraestructura compartida y las radios comunitarias fueron las que más cambiaron.")],
    6: [("p", "Datos públicos abiertos por defecto, con una protección firme de los datos personales.")],
    7: [("p", "Un técnico local capacitado en cada distrito para 2030.")],
    8: [("p", "Informar sobre la CMSI en los exámenes nacionales voluntarios.")],
    9: [("p", "Un mandato permanente y financiación previsible para el Foro de Gobernanza de Internet.")],
    10: [("p", "Un solo proceso y una sola revisión en 2030.")],
    11: [("p", "El costo de los dispositivos, la huella energética y las lenguas olvidadas por la tecnología.")],
}
