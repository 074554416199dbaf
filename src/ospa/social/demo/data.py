"""Demo data for the ospa.social demo profile.

This module contains pure data only: the content of a believable German
"Intranet 1.0" of the fictional regional savings bank "Küstensparkasse Warnow"
with its headquarters in the fictional town of Warnowstadt. All names, phone
numbers and e-mail addresses are invented.

The demo builder reads these constants and creates the site content, the
department folders, pages, news items, events, groups and users idempotently
by id: objects that already exist are left alone, missing ones are created.
"""

SITE = {
    "title": "Intranet der Küstensparkasse Warnow",
    "description": (
        "Das zentrale Informationsportal für alle Mitarbeiterinnen und "
        "Mitarbeiter der Küstensparkasse Warnow."
    ),
    "text": (
        "<h2>Willkommen im Intranet der Küstensparkasse Warnow</h2>"
        "<p>Liebe Kolleginnen und Kollegen, hier finden Sie alle verbindlichen "
        "Informationen, Richtlinien und Formulare unseres Hauses. Bitte "
        "informieren Sie sich regelmäßig über Neuigkeiten aus dem Vorstand "
        "und den Abteilungen.</p>"
        "<h2>Schnelleinstieg</h2>"
        "<ul>"
        '<li><a href="abteilungen/kommunikation">Vorstandsstab &amp; '
        "Kommunikation</a> – Leitbild, Organigramm und Corporate Design</li>"
        '<li><a href="abteilungen/privatkunden">Privatkunden</a> – '
        "Öffnungszeiten der Filialen und Produktinformationen</li>"
        '<li><a href="abteilungen/personal">Personal</a> – Urlaubsantrag, '
        "Reisekosten und Gleitzeit</li>"
        '<li><a href="abteilungen/it-organisation">IT &amp; Organisation</a> '
        "– IT-Hotline, Passwortrichtlinie und Störungsmeldungen</li>"
        "</ul>"
        "<p>Aktuelle Meldungen finden Sie unter "
        '<a href="aktuelles">Aktuelles</a>, anstehende Veranstaltungen unter '
        '<a href="termine">Termine</a>.</p>'
    ),
}

NEWS_FOLDER = {
    "id": "aktuelles",
    "title": "Aktuelles",
    "description": (
        "Meldungen des Vorstands und der Abteilungen für alle Beschäftigten."
    ),
}

EVENTS_FOLDER = {
    "id": "termine",
    "title": "Termine",
    "description": (
        "Betriebsversammlungen, Schulungen und Veranstaltungen der "
        "Küstensparkasse Warnow."
    ),
}

DEPARTMENTS_FOLDER = {
    "id": "abteilungen",
    "title": "Abteilungen",
    "description": (
        "Informationen, Richtlinien und Ansprechpartner der einzelnen Abteilungen."
    ),
}

DEPARTMENTS = [
    {
        "id": "kommunikation",
        "title": "Vorstandsstab & Kommunikation",
        "description": (
            "Stabsstelle des Vorstands für interne und externe Kommunikation, "
            "Presse und Unternehmensstrategie."
        ),
        "group": "abteilung-kommunikation",
        "pages": [
            {
                "id": "leitbild",
                "title": "Unser Leitbild",
                "description": (
                    "Das Leitbild beschreibt Werte und Auftrag der "
                    "Küstensparkasse Warnow."
                ),
                "text": (
                    "<p>Die Küstensparkasse Warnow ist seit über 150 Jahren "
                    "der Finanzpartner der Menschen und Unternehmen an der "
                    "Warnow. Unser öffentlicher Auftrag verpflichtet uns zu "
                    "Verlässlichkeit, Nähe und Fairness.</p>"
                    "<ul>"
                    "<li><strong>Nah:</strong> Wir sind in der Region "
                    "verwurzelt und vor Ort für unsere Kunden da.</li>"
                    "<li><strong>Verantwortungsvoll:</strong> Wir beraten "
                    "ehrlich und nachhaltig.</li>"
                    "<li><strong>Gemeinsam:</strong> Wir arbeiten "
                    "abteilungsübergreifend und respektvoll zusammen.</li>"
                    "</ul>"
                    "<p>Das Leitbild wurde vom Vorstand verabschiedet und ist "
                    "für alle Beschäftigten verbindlich.</p>"
                ),
            },
            {
                "id": "organigramm",
                "title": "Organigramm",
                "description": (
                    "Übersicht über die Aufbauorganisation der Küstensparkasse Warnow."
                ),
                "text": (
                    "<p>Die Küstensparkasse Warnow wird von einem "
                    "zweiköpfigen Vorstand geleitet. Dem Vorstand sind der "
                    "Vorstandsstab sowie die Marktbereiche und "
                    "Marktfolgebereiche zugeordnet.</p>"
                    "<ul>"
                    "<li>Vorstandsvorsitz: Vorstandsstab &amp; Kommunikation, "
                    "Personal, Privatkunden</li>"
                    "<li>Vorstandsmitglied: Firmenkunden, IT &amp; "
                    "Organisation, Marktfolge Kredit</li>"
                    "</ul>"
                    "<p>Das vollständige Organigramm als PDF erhalten Sie im "
                    "Vorstandssekretariat. Stand: 1. Januar.</p>"
                ),
            },
            {
                "id": "corporate-design",
                "title": "Corporate-Design-Vorgaben",
                "description": (
                    "Verbindliche Regeln für Logo, Farben, Schriften und Vorlagen."
                ),
                "text": (
                    "<p>Alle Schriftstücke, Präsentationen und Aushänge sind "
                    "ausschließlich mit den freigegebenen Vorlagen zu "
                    "erstellen. Eigene Gestaltungen sind nicht zulässig.</p>"
                    "<ul>"
                    "<li>Hausfarbe: Sparkassenrot, ergänzt durch Warnowblau "
                    "für Grafiken</li>"
                    "<li>Hausschrift: Sparkasse Rg; in Office-Dokumenten "
                    "ersatzweise Arial</li>"
                    "<li>Das Logo darf weder verzerrt noch umgefärbt "
                    "werden.</li>"
                    "</ul>"
                    "<p>Fragen zum Corporate Design richten Sie bitte an die "
                    "Abteilung Kommunikation.</p>"
                ),
            },
            {
                "id": "presseanfragen",
                "title": "Umgang mit Presseanfragen",
                "description": (
                    "Regelung, wie Anfragen von Journalisten zu behandeln sind."
                ),
                "text": (
                    "<p>Auskünfte an Presse, Rundfunk und Online-Medien "
                    "erteilt ausschließlich die Pressestelle. Bitte geben Sie "
                    "gegenüber Journalisten keine eigenen Stellungnahmen ab.</p>"
                    "<p>Leiten Sie Anfragen umgehend mit Namen, Medium und "
                    "Rückrufnummer an die Pressestelle weiter. Außerhalb der "
                    "Geschäftszeiten ist die Rufbereitschaft über die Zentrale "
                    "erreichbar.</p>"
                ),
            },
        ],
    },
    {
        "id": "privatkunden",
        "title": "Privatkunden",
        "description": (
            "Beratung und Betreuung unserer Privatkundinnen und Privatkunden "
            "in Hauptstelle und Filialen."
        ),
        "group": "abteilung-privatkunden",
        "pages": [
            {
                "id": "oeffnungszeiten-filialen",
                "title": "Öffnungszeiten der Filialen",
                "description": (
                    "Aktuelle Öffnungs- und Beratungszeiten aller Standorte."
                ),
                "text": (
                    "<ul>"
                    "<li><strong>Hauptstelle Warnowstadt:</strong> Mo–Fr "
                    "9:00–18:00 Uhr</li>"
                    "<li><strong>Filiale Hafenviertel:</strong> Mo, Di, Do "
                    "9:00–12:30 und 14:00–18:00 Uhr, Mi und Fr 9:00–12:30 "
                    "Uhr</li>"
                    "<li><strong>Filiale Warnowstadt-Mitte:</strong> Mo–Fr "
                    "9:00–17:00 Uhr</li>"
                    "<li><strong>Filiale Dünenhagen:</strong> Di und Do "
                    "9:00–12:00 und 14:00–18:00 Uhr</li>"
                    "</ul>"
                    "<p>Beratungstermine außerhalb der Öffnungszeiten sind "
                    "nach Vereinbarung von 8:00 bis 20:00 Uhr möglich.</p>"
                ),
            },
            {
                "id": "baufinanzierung-leitfaden",
                "title": "Leitfaden Baufinanzierung",
                "description": (
                    "Ablauf und Unterlagen für die Beratung zur privaten "
                    "Baufinanzierung."
                ),
                "text": (
                    "<p>Für jedes Baufinanzierungsgespräch ist der "
                    "standardisierte Beratungsbogen zu verwenden. Folgende "
                    "Unterlagen sind vom Kunden einzuholen:</p>"
                    "<ul>"
                    "<li>Gehaltsnachweise der letzten drei Monate</li>"
                    "<li>Eigenkapitalnachweis</li>"
                    "<li>Grundbuchauszug, Flurkarte und Baubeschreibung</li>"
                    "</ul>"
                    "<p>Förderkredite der KfW sind stets zu prüfen. Ab einem "
                    "Darlehensbetrag von 500.000 Euro ist die Marktfolge "
                    "Kredit frühzeitig einzubinden.</p>"
                ),
            },
            {
                "id": "girokonto-modelle",
                "title": "Girokontomodelle und Preise",
                "description": (
                    "Übersicht der aktuellen Kontomodelle gemäß "
                    "Preis- und Leistungsverzeichnis."
                ),
                "text": (
                    "<ul>"
                    "<li><strong>Giro Online:</strong> 4,50 Euro monatlich, "
                    "Online-Überweisungen kostenfrei</li>"
                    "<li><strong>Giro Komfort:</strong> 9,90 Euro monatlich, "
                    "alle Buchungen inklusive</li>"
                    "<li><strong>Giro Start:</strong> kostenfrei für junge "
                    "Leute bis 25 Jahre</li>"
                    "</ul>"
                    "<p>Maßgeblich ist stets das aktuelle Preis- und "
                    "Leistungsverzeichnis. Abweichende Konditionen bedürfen "
                    "der Zustimmung der Filialleitung.</p>"
                ),
            },
            {
                "id": "beschwerdemanagement",
                "title": "Beschwerdemanagement",
                "description": (
                    "Verfahren zur Erfassung und Bearbeitung von Kundenbeschwerden."
                ),
                "text": (
                    "<p>Jede Kundenbeschwerde ist unabhängig vom Eingangsweg "
                    "innerhalb eines Arbeitstages im Beschwerdeformular zu "
                    "erfassen.</p>"
                    "<p>Der Kunde erhält innerhalb von fünf Arbeitstagen eine "
                    "Zwischennachricht. Beschwerden mit Bezug zur "
                    "Anlageberatung sind zusätzlich der Compliance-Stelle zu "
                    "melden.</p>"
                ),
            },
        ],
    },
    {
        "id": "firmenkunden",
        "title": "Firmenkunden",
        "description": (
            "Betreuung von Unternehmen, Gewerbetreibenden, Freiberuflern und "
            "Kommunen in der Region."
        ),
        "group": "abteilung-firmenkunden",
        "pages": [
            {
                "id": "kreditrichtlinien",
                "title": "Kreditrichtlinien Firmenkunden",
                "description": (
                    "Grundsätze für die Vergabe von Krediten an gewerbliche Kunden."
                ),
                "text": (
                    "<p>Die Kreditvergabe erfolgt nach den Vorgaben der "
                    "MaRisk und der internen Kreditrichtlinie. Jeder Antrag "
                    "ist mit einer aktuellen Bonitätsbeurteilung im "
                    "Rating-Verfahren zu versehen.</p>"
                    "<ul>"
                    "<li>Bis 250.000 Euro: Kompetenz des Firmenkundenbetreuers "
                    "mit Zweitvotum</li>"
                    "<li>Bis 1 Mio. Euro: Abteilungsleitung Firmenkunden</li>"
                    "<li>Darüber: Vorstandsbeschluss</li>"
                    "</ul>"
                    "<p>Die Offenlegung der wirtschaftlichen Verhältnisse "
                    "nach § 18 KWG ist jährlich zu prüfen.</p>"
                ),
            },
            {
                "id": "foerdermittel",
                "title": "Fördermittel für Unternehmen",
                "description": (
                    "Übersicht über Förderprogramme von Bund und Land für "
                    "den Mittelstand."
                ),
                "text": (
                    "<p>Bei Investitions- und Gründungsfinanzierungen sind "
                    "öffentliche Fördermittel grundsätzlich in die Beratung "
                    "einzubeziehen.</p>"
                    "<ul>"
                    "<li>KfW-Unternehmerkredit und ERP-Gründerkredit</li>"
                    "<li>Förderprogramme des Landesförderinstituts</li>"
                    "<li>Bürgschaften der Bürgschaftsbank</li>"
                    "</ul>"
                    "<p>Die Fördermittelspezialisten unterstützen bei der "
                    "Antragstellung.</p>"
                ),
            },
            {
                "id": "firmenkunden-ansprechpartner",
                "title": "Ansprechpartner Firmenkunden",
                "description": (
                    "Zuständigkeiten im Firmenkundengeschäft nach Branchen "
                    "und Regionen."
                ),
                "text": (
                    "<ul>"
                    "<li>Handwerk und Einzelhandel: Firmenkundencenter "
                    "Hauptstelle</li>"
                    "<li>Hafenwirtschaft und Logistik: Betreuungsteam "
                    "Hafenviertel</li>"
                    "<li>Landwirtschaft und Tourismus: Regionalteam "
                    "Dünenhagen</li>"
                    "<li>Kommunen und öffentliche Hand: Abteilungsleitung</li>"
                    "</ul>"
                    "<p>Die aktuelle Zuordnung einzelner Kunden entnehmen Sie "
                    "bitte dem Kundenstammsystem.</p>"
                ),
            },
            {
                "id": "zahlungsverkehr-firmen",
                "title": "Zahlungsverkehr für Firmenkunden",
                "description": (
                    "Hinweise zu EBICS, Lastschriftverfahren und Kartenterminals."
                ),
                "text": (
                    "<p>Firmenkunden mit hohem Zahlungsaufkommen ist der "
                    "elektronische Zahlungsverkehr über EBICS anzubieten. "
                    "Die Einrichtung erfolgt durch das Team "
                    "Electronic Banking.</p>"
                    "<p>Für SEPA-Firmenlastschriften ist vor der ersten "
                    "Einreichung eine Inkassovereinbarung abzuschließen. "
                    "Anfragen zu Kartenterminals leiten Sie bitte an den "
                    "Händlerservice weiter.</p>"
                ),
            },
        ],
    },
    {
        "id": "personal",
        "title": "Personal",
        "description": (
            "Personalbetreuung, Personalentwicklung, Ausbildung und "
            "betriebliches Gesundheitsmanagement."
        ),
        "group": "abteilung-personal",
        "pages": [
            {
                "id": "urlaubsantrag",
                "title": "Urlaubsantrag",
                "description": ("So beantragen Sie Ihren Erholungsurlaub."),
                "text": (
                    "<p>Urlaub ist mindestens zwei Wochen vor Antritt über "
                    "das Formular „Urlaubsantrag“ bei der direkten "
                    "Führungskraft zu beantragen. Nach Genehmigung wird der "
                    "Antrag an die Personalabteilung weitergeleitet.</p>"
                    "<p>Der Jahresurlaub beträgt gemäß TVöD-Sparkassen 30 "
                    "Arbeitstage. Resturlaub ist bis zum 31. März des "
                    "Folgejahres zu nehmen.</p>"
                    "<p>Die Urlaubsplanung für die Sommerferien ist bis zum "
                    "31. Januar mit dem Team abzustimmen.</p>"
                ),
            },
            {
                "id": "reisekostenrichtlinie",
                "title": "Reisekostenrichtlinie",
                "description": (
                    "Regelungen zu Dienstreisen, Fahrtkosten und "
                    "Verpflegungsmehraufwand."
                ),
                "text": (
                    "<p>Dienstreisen sind vorab von der Führungskraft zu "
                    "genehmigen. Vorrangig sind öffentliche Verkehrsmittel "
                    "oder Dienstfahrzeuge zu nutzen.</p>"
                    "<ul>"
                    "<li>Privat-Pkw: 0,30 Euro je gefahrenem Kilometer</li>"
                    "<li>Bahnfahrten: 2. Klasse, ab 3 Stunden Fahrzeit "
                    "1. Klasse</li>"
                    "<li>Verpflegungspauschalen nach den steuerlichen "
                    "Höchstsätzen</li>"
                    "</ul>"
                    "<p>Die Reisekostenabrechnung ist innerhalb von sechs "
                    "Monaten mit Belegen einzureichen.</p>"
                ),
            },
            {
                "id": "gesundheitsmanagement",
                "title": "Betriebliches Gesundheitsmanagement",
                "description": (
                    "Angebote zur Förderung der Gesundheit am Arbeitsplatz."
                ),
                "text": (
                    "<p>Die Küstensparkasse Warnow unterstützt die Gesundheit "
                    "ihrer Beschäftigten mit einem umfangreichen Angebot:</p>"
                    "<ul>"
                    "<li>Zuschuss zum Firmenfitness-Programm</li>"
                    "<li>Rückenschule und bewegte Pause in der Hauptstelle</li>"
                    "<li>Ergonomieberatung am Arbeitsplatz</li>"
                    "<li>Jährliche Grippeschutzimpfung durch den "
                    "Betriebsarzt</li>"
                    "</ul>"
                    "<p>Anmeldungen nimmt die Personalabteilung entgegen.</p>"
                ),
            },
            {
                "id": "formulare-personal",
                "title": "Formulare",
                "description": ("Alle Personalformulare zum Ausdrucken und Ausfüllen."),
                "text": (
                    "<ul>"
                    "<li>Urlaubsantrag</li>"
                    "<li>Antrag auf Gleitzeitausgleich</li>"
                    "<li>Reisekostenabrechnung</li>"
                    "<li>Änderung der Bankverbindung und Anschrift</li>"
                    "<li>Antrag auf Fortbildung</li>"
                    "<li>Krankmeldung und Arbeitsunfähigkeit</li>"
                    "</ul>"
                    "<p>Ausgefüllte Formulare senden Sie bitte per Hauspost "
                    "an die Personalabteilung, Hauptstelle, 3. OG.</p>"
                ),
            },
        ],
    },
    {
        "id": "it-organisation",
        "title": "IT & Organisation",
        "description": (
            "Betrieb der IT-Infrastruktur, Anwenderbetreuung und "
            "Organisationsentwicklung."
        ),
        "group": "abteilung-it-organisation",
        "pages": [
            {
                "id": "it-hotline",
                "title": "Störungsmeldung IT-Hotline",
                "description": (
                    "So melden Sie IT-Störungen und erreichen die Hotline."
                ),
                "text": (
                    "<p>Die IT-Hotline ist Mo–Fr von 7:30 bis 18:00 Uhr unter "
                    "der Durchwahl 555 erreichbar.</p>"
                    "<p>Bitte halten Sie bei jeder Störungsmeldung folgende "
                    "Angaben bereit: Ihre Personalnummer, die Inventarnummer "
                    "des Geräts und eine möglichst genaue "
                    "Fehlerbeschreibung.</p>"
                    "<p>Bei Ausfällen von Geldautomaten oder "
                    "Kontoauszugsdruckern wenden Sie sich bitte direkt an den "
                    "Technikdienstleister. Die Nummer hängt an jedem "
                    "Gerät aus.</p>"
                ),
            },
            {
                "id": "passwortrichtlinie",
                "title": "Passwortrichtlinie",
                "description": ("Verbindliche Vorgaben für sichere Passwörter."),
                "text": (
                    "<ul>"
                    "<li>Mindestens 12 Zeichen mit Groß- und "
                    "Kleinbuchstaben, Ziffern und Sonderzeichen</li>"
                    "<li>Passwörter dürfen nicht weitergegeben oder notiert "
                    "werden.</li>"
                    "<li>Nach fünf Fehlversuchen wird die Kennung "
                    "gesperrt.</li>"
                    "<li>Beim Verlassen des Arbeitsplatzes ist der Bildschirm "
                    "zu sperren.</li>"
                    "</ul>"
                    "<p>Verstöße werden dem Informationssicherheitsbeauftragten "
                    "gemeldet.</p>"
                ),
            },
            {
                "id": "software-bestellung",
                "title": "Bestellung von Hard- und Software",
                "description": (
                    "Verfahren zur Anforderung neuer Geräte und Programme."
                ),
                "text": (
                    "<p>Hard- und Software wird ausschließlich über das "
                    "Bestellformular im IT-Serviceportal angefordert. Die "
                    "Bestellung ist von der Kostenstellenverantwortlichen "
                    "freizugeben.</p>"
                    "<p>Die Installation von nicht freigegebener Software "
                    "ist untersagt. Die Liste der freigegebenen Programme "
                    "pflegt die Abteilung IT &amp; Organisation.</p>"
                ),
            },
            {
                "id": "arbeitsanweisungen",
                "title": "Organisationshandbuch",
                "description": (
                    "Aufbau des Organisationshandbuchs und Pflege der "
                    "Arbeitsanweisungen."
                ),
                "text": (
                    "<p>Das Organisationshandbuch enthält alle schriftlich "
                    "fixierten Regelungen der Küstensparkasse Warnow. Es ist "
                    "die verbindliche Grundlage für alle Arbeitsabläufe.</p>"
                    "<p>Änderungen an Arbeitsanweisungen werden von den "
                    "Fachabteilungen vorbereitet und von der Organisation "
                    "veröffentlicht. Alle Beschäftigten sind verpflichtet, "
                    "sich über Änderungen zu informieren.</p>"
                ),
            },
        ],
    },
]

NEWS = [
    {
        "id": "neue-filiale-hafenviertel",
        "title": "Neue Filiale im Hafenviertel eröffnet",
        "description": (
            "Nach sechs Monaten Umbau hat die modernisierte Filiale "
            "Hafenviertel ihre Türen geöffnet."
        ),
        "text": (
            "<p>Am vergangenen Montag wurde die neue Filiale Hafenviertel "
            "feierlich eröffnet. Kundinnen und Kunden erwartet ein offenes "
            "Raumkonzept mit Beratungsinseln und einem rund um die Uhr "
            "zugänglichen SB-Bereich.</p>"
            "<p>Der Vorstand dankt allen Beteiligten für ihren Einsatz während "
            "der Umbauphase.</p>"
        ),
        "department": "privatkunden",
        "days_ago": 3,
    },
    {
        "id": "vorstandsinfo-quartalszahlen",
        "title": "Vorstandsinfo: Quartalszahlen",
        "description": (
            "Der Vorstand informiert über die Geschäftsentwicklung im "
            "abgelaufenen Quartal."
        ),
        "text": (
            "<p>Die Küstensparkasse Warnow hat sich im abgelaufenen Quartal "
            "erfreulich entwickelt. Das Kreditvolumen stieg um 2,1 Prozent, "
            "die Kundeneinlagen um 1,4 Prozent.</p>"
            "<p>Besonders gefragt waren Baufinanzierungen und "
            "Förderkredite für energetische Sanierungen. Der Vorstand "
            "bedankt sich bei allen Beschäftigten für ihr Engagement.</p>"
        ),
        "department": "kommunikation",
        "days_ago": 7,
    },
    {
        "id": "umstellung-online-banking",
        "title": "Umstellung des Online-Bankings",
        "description": (
            "Das Online-Banking wird auf ein neues Anmeldeverfahren umgestellt."
        ),
        "text": (
            "<p>Ab dem kommenden Monat wird das Online-Banking schrittweise "
            "auf das neue Freigabeverfahren per App umgestellt. Das "
            "chipTAN-Verfahren bleibt weiterhin verfügbar.</p>"
            "<p>Bitte informieren Sie Ihre Kundinnen und Kunden aktiv. "
            "Informationsmaterial und ein Gesprächsleitfaden stehen in der "
            "Abteilung IT &amp; Organisation bereit.</p>"
        ),
        "department": "it-organisation",
        "days_ago": 12,
    },
    {
        "id": "einladung-betriebsversammlung",
        "title": "Einladung zur Betriebsversammlung",
        "description": (
            "Der Personalrat lädt alle Beschäftigten zur Betriebsversammlung ein."
        ),
        "text": (
            "<p>Die diesjährige Betriebsversammlung findet im großen "
            "Sitzungssaal der Hauptstelle statt. Auf der Tagesordnung stehen "
            "der Bericht des Vorstands, die neue Gleitzeitregelung und das "
            "neue Intranet.</p>"
            "<p>Die Teilnahme gilt als Arbeitszeit. Die Filialen bleiben an "
            "diesem Nachmittag geschlossen.</p>"
        ),
        "department": "personal",
        "days_ago": 5,
    },
    {
        "id": "azubi-start",
        "title": "Zwölf neue Auszubildende gestartet",
        "description": (
            "Die Küstensparkasse Warnow begrüßt ihren neuen Ausbildungsjahrgang."
        ),
        "text": (
            "<p>Zum 1. August haben zwölf junge Menschen ihre Ausbildung zur "
            "Bankkauffrau beziehungsweise zum Bankkaufmann bei uns begonnen. "
            "Zwei von ihnen absolvieren ein duales Studium.</p>"
            "<p>Bitte heißen Sie die neuen Kolleginnen und Kollegen in "
            "Ihren Teams herzlich willkommen.</p>"
        ),
        "department": "personal",
        "days_ago": 21,
    },
    {
        "id": "spendenaktion-tafel",
        "title": "Spendenaktion für die Warnowstädter Tafel",
        "description": (
            "Beschäftigte sammelten über 4.000 Euro für einen guten Zweck."
        ),
        "text": (
            "<p>Bei der diesjährigen Spendenaktion kamen 4.180 Euro "
            "zusammen. Der Vorstand hat den Betrag auf 8.000 Euro "
            "aufgestockt.</p>"
            "<p>Die Spende wurde an die Warnowstädter Tafel übergeben. "
            "Herzlichen Dank an alle, die sich beteiligt haben.</p>"
        ),
        "department": "kommunikation",
        "days_ago": 30,
    },
    {
        "id": "it-wartungsfenster",
        "title": "IT-Wartungsfenster am Wochenende",
        "description": (
            "Wegen Wartungsarbeiten stehen mehrere Systeme vorübergehend "
            "nicht zur Verfügung."
        ),
        "text": (
            "<p>Am kommenden Samstag von 18:00 Uhr bis Sonntag 6:00 Uhr "
            "führt die IT Wartungsarbeiten am Rechenzentrum durch. In diesem "
            "Zeitraum sind E-Mail, Laufwerke und das Intranet nicht "
            "erreichbar.</p>"
            "<p>Das Online-Banking für Kunden ist nicht betroffen.</p>"
        ),
        "department": "it-organisation",
        "days_ago": 2,
    },
    {
        "id": "neue-gleitzeitregelung",
        "title": "Neue Gleitzeitregelung tritt in Kraft",
        "description": (
            "Die neue Dienstvereinbarung zur Gleitzeit gilt ab dem nächsten Monat."
        ),
        "text": (
            "<p>Vorstand und Personalrat haben eine neue Dienstvereinbarung "
            "zur Gleitzeit abgeschlossen. Die Kernarbeitszeit entfällt, der "
            "Arbeitszeitrahmen wird auf 6:30 bis 20:00 Uhr erweitert.</p>"
            "<p>Das Gleitzeitkonto darf künftig bis zu 40 Plusstunden "
            "aufweisen. Die Dienstvereinbarung finden Sie auf der Seite der "
            "Personalabteilung.</p>"
        ),
        "department": "personal",
        "days_ago": 14,
    },
    {
        "id": "nachhaltigkeitsbericht",
        "title": "Nachhaltigkeitsbericht veröffentlicht",
        "description": (
            "Der erste Nachhaltigkeitsbericht der Küstensparkasse Warnow liegt vor."
        ),
        "text": (
            "<p>Mit dem ersten Nachhaltigkeitsbericht legen wir offen, wie "
            "wir ökologische und soziale Verantwortung übernehmen. Seit "
            "Jahresbeginn beziehen alle Standorte Ökostrom.</p>"
            "<p>Gedruckte Exemplare sind in der Abteilung Kommunikation "
            "erhältlich.</p>"
        ),
        "department": "kommunikation",
        "days_ago": 45,
    },
    {
        "id": "dienstjubilaeen",
        "title": "Dienstjubiläen im Firmenkundengeschäft",
        "description": ("Zwei Kollegen feiern ihr 25-jähriges Dienstjubiläum."),
        "text": (
            "<p>Gleich zwei Kollegen aus dem Firmenkundengeschäft blicken in "
            "diesem Monat auf 25 Jahre bei der Küstensparkasse Warnow "
            "zurück.</p>"
            "<p>Wir gratulieren herzlich und danken für die langjährige "
            "Treue.</p>"
        ),
        "department": "firmenkunden",
        "days_ago": 60,
    },
]

EVENTS = [
    {
        "id": "betriebsversammlung",
        "title": "Betriebsversammlung",
        "description": ("Jährliche Betriebsversammlung mit Bericht des Vorstands."),
        "text": (
            "<p>Tagesordnung: Bericht des Vorstands, Bericht des "
            "Personalrats, neue Gleitzeitregelung, Vorstellung des neuen "
            "Intranets.</p>"
            "<p>Die Filialen schließen an diesem Tag um 12:00 Uhr.</p>"
        ),
        "location": "Hauptstelle Warnowstadt, großer Sitzungssaal",
        "days_ahead": 10,
        "start_hour": 14,
        "duration_hours": 3,
        "department": "personal",
    },
    {
        "id": "erste-hilfe-kurs",
        "title": "Erste-Hilfe-Kurs für Ersthelfer",
        "description": (
            "Auffrischungskurs für betriebliche Ersthelferinnen und Ersthelfer."
        ),
        "text": (
            "<p>Der Kurs wird vom Deutschen Roten Kreuz durchgeführt und "
            "ist für benannte Ersthelfer alle zwei Jahre verpflichtend.</p>"
            "<p>Anmeldung bis eine Woche vorher bei der "
            "Personalabteilung.</p>"
        ),
        "location": "Hauptstelle Warnowstadt, Schulungsraum 2",
        "days_ahead": 21,
        "start_hour": 8,
        "duration_hours": 8,
        "department": "personal",
    },
    {
        "id": "sommerfest",
        "title": "Sommerfest der Küstensparkasse",
        "description": (
            "Das traditionelle Sommerfest für alle Beschäftigten und ihre Familien."
        ),
        "text": (
            "<p>Wir feiern am Warnowufer mit Grillbuffet, Kinderprogramm "
            "und Live-Musik. Partnerinnen, Partner und Kinder sind herzlich "
            "eingeladen.</p>"
        ),
        "location": "Bootshaus am Warnowufer",
        "days_ahead": 60,
        "start_hour": 16,
        "duration_hours": 6,
        "department": "kommunikation",
    },
    {
        "id": "infoveranstaltung-digitalisierung",
        "title": "Infoveranstaltung Digitalisierung",
        "description": (
            "Vorstellung der Digitalisierungsstrategie und des neuen Social Intranets."
        ),
        "text": (
            "<p>Die Abteilung IT &amp; Organisation stellt die "
            "Digitalisierungsvorhaben des kommenden Jahres vor, darunter "
            "die App-Freigabe im Online-Banking und das neue Social "
            "Intranet.</p>"
            "<p>Im Anschluss besteht Gelegenheit für Fragen.</p>"
        ),
        "location": "Hauptstelle Warnowstadt, Raum 4.12",
        "days_ahead": 5,
        "start_hour": 10,
        "duration_hours": 2,
        "department": "it-organisation",
    },
    {
        "id": "gesundheitstag",
        "title": "Gesundheitstag",
        "description": ("Aktionstag des betrieblichen Gesundheitsmanagements."),
        "text": (
            "<p>Angeboten werden Rückenscreening, Sehtest, Blutdruckmessung "
            "sowie Vorträge zu gesunder Ernährung und Stressbewältigung.</p>"
            "<p>Die Teilnahme ist freiwillig und gilt als Arbeitszeit.</p>"
        ),
        "location": "Hauptstelle Warnowstadt, Foyer",
        "days_ahead": 35,
        "start_hour": 9,
        "duration_hours": 7,
        "department": "personal",
    },
]

EMPLOYEES = [
    # Vorstandsstab & Kommunikation
    {
        "id": "hbrandt",
        "fullname": "Hauke Brandt",
        "email": "hbrandt@kuestensparkasse.example",
        "department": "kommunikation",
        "position": "Abteilungsleiter Vorstandsstab & Kommunikation",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-101",
        "description": (
            "Verantwortlich für Unternehmenskommunikation, Strategie und die "
            "Vorbereitung der Vorstandssitzungen."
        ),
    },
    {
        "id": "fpetersen",
        "fullname": "Frauke Petersen",
        "email": "fpetersen@kuestensparkasse.example",
        "department": "kommunikation",
        "position": "Pressesprecherin",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-102",
        "description": (
            "Ansprechpartnerin für Presseanfragen, Pressemitteilungen und "
            "Krisenkommunikation."
        ),
    },
    {
        "id": "skoehler",
        "fullname": "Svenja Köhler",
        "email": "skoehler@kuestensparkasse.example",
        "department": "kommunikation",
        "position": "Vorstandsassistentin",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-103",
        "description": (
            "Koordiniert Termine und Sitzungsunterlagen des Vorstands und "
            "organisiert Veranstaltungen."
        ),
    },
    {
        "id": "mjessen",
        "fullname": "Malte Jessen",
        "email": "mjessen@kuestensparkasse.example",
        "department": "kommunikation",
        "position": "Referent Interne Kommunikation und Corporate Design",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-104",
        "description": (
            "Experte für Corporate Design, Mitarbeitermagazin und Intranet-Redaktion."
        ),
    },
    # Privatkunden
    {
        "id": "akruse",
        "fullname": "Anke Kruse",
        "email": "akruse@kuestensparkasse.example",
        "department": "privatkunden",
        "position": "Abteilungsleiterin Privatkunden",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-111",
        "description": (
            "Leitet das Privatkundengeschäft mit allen Filialen und dem "
            "KundenServiceCenter."
        ),
    },
    {
        "id": "jhansen",
        "fullname": "Jens Hansen",
        "email": "jhansen@kuestensparkasse.example",
        "department": "privatkunden",
        "position": "Filialleiter Hafenviertel",
        "location": "Filiale Hafenviertel",
        "phone": "+49 381 5550-112",
        "description": (
            "Leitet die Filiale Hafenviertel und kennt sich mit "
            "Vermögensanlage und Wertpapieren aus."
        ),
    },
    {
        "id": "lmoeller",
        "fullname": "Lena Möller",
        "email": "lmoeller@kuestensparkasse.example",
        "department": "privatkunden",
        "position": "Kundenberaterin Baufinanzierung",
        "location": "Filiale Warnowstadt-Mitte",
        "phone": "+49 381 5550-113",
        "description": ("Ansprechpartnerin für Baufinanzierung und KfW-Förderkredite."),
    },
    {
        "id": "tschroeder",
        "fullname": "Tim Schröder",
        "email": "tschroeder@kuestensparkasse.example",
        "department": "privatkunden",
        "position": "Auszubildender",
        "location": "Filiale Dünenhagen",
        "phone": "+49 381 5550-114",
        "description": (
            "Auszubildender im zweiten Lehrjahr, zuständig für Kontoeröffnungen "
            "und Online-Banking-Fragen am Service."
        ),
    },
    # Firmenkunden
    {
        "id": "wfrahm",
        "fullname": "Wiebke Frahm",
        "email": "wfrahm@kuestensparkasse.example",
        "department": "firmenkunden",
        "position": "Abteilungsleiterin Firmenkunden",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-121",
        "description": (
            "Leitet das Firmenkundengeschäft und betreut Kommunen und große "
            "Mittelständler."
        ),
    },
    {
        "id": "ojacobsen",
        "fullname": "Ole Jacobsen",
        "email": "ojacobsen@kuestensparkasse.example",
        "department": "firmenkunden",
        "position": "Firmenkundenbetreuer",
        "location": "Filiale Hafenviertel",
        "phone": "+49 381 5550-122",
        "description": (
            "Betreut Unternehmen der Hafenwirtschaft und Logistik, "
            "Schwerpunkt Investitionsfinanzierung."
        ),
    },
    {
        "id": "bstoltenberg",
        "fullname": "Birte Stoltenberg",
        "email": "bstoltenberg@kuestensparkasse.example",
        "department": "firmenkunden",
        "position": "Spezialistin Fördermittel",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-123",
        "description": (
            "Expertin für öffentliche Förderprogramme, ERP-Gründerkredite und "
            "Bürgschaften."
        ),
    },
    {
        "id": "kwittenburg",
        "fullname": "Klaas Wittenburg",
        "email": "kwittenburg@kuestensparkasse.example",
        "department": "firmenkunden",
        "position": "Firmenkundenbetreuer Landwirtschaft und Tourismus",
        "location": "Filiale Dünenhagen",
        "phone": "+49 381 5550-124",
        "description": (
            "Ansprechpartner für Agrarfinanzierung, Ferienimmobilien und "
            "Hotellerie an der Küste."
        ),
    },
    # Personal
    {
        "id": "gtiedemann",
        "fullname": "Gesa Tiedemann",
        "email": "gtiedemann@kuestensparkasse.example",
        "department": "personal",
        "position": "Abteilungsleiterin Personal",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-131",
        "description": (
            "Verantwortlich für Personalplanung, Tarifrecht und die "
            "Zusammenarbeit mit dem Personalrat."
        ),
    },
    {
        "id": "nlorenzen",
        "fullname": "Nele Lorenzen",
        "email": "nlorenzen@kuestensparkasse.example",
        "department": "personal",
        "position": "Referentin Personalentwicklung",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-132",
        "description": (
            "Organisiert Fortbildungen und ist freiwillige Connectorin, die "
            "Kolleginnen und Kollegen beim Einstieg ins neue Social Intranet "
            "unterstützt."
        ),
    },
    {
        "id": "dsievers",
        "fullname": "Dirk Sievers",
        "email": "dsievers@kuestensparkasse.example",
        "department": "personal",
        "position": "Ausbildungsleiter",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-133",
        "description": (
            "Zuständig für Auszubildende, duale Studierende und Praktikumsplätze."
        ),
    },
    {
        "id": "ihinrichs",
        "fullname": "Imke Hinrichs",
        "email": "ihinrichs@kuestensparkasse.example",
        "department": "personal",
        "position": "Sachbearbeiterin Entgeltabrechnung und Gesundheitsmanagement",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-134",
        "description": (
            "Ansprechpartnerin für Gehaltsabrechnung, Reisekosten und "
            "betriebliches Gesundheitsmanagement."
        ),
    },
    # IT & Organisation
    {
        "id": "rbehrens",
        "fullname": "Rainer Behrens",
        "email": "rbehrens@kuestensparkasse.example",
        "department": "it-organisation",
        "position": "Abteilungsleiter IT & Organisation",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-141",
        "description": (
            "Verantwortlich für IT-Strategie, Rechenzentrumsbetrieb und "
            "Organisationsentwicklung."
        ),
    },
    {
        "id": "stimm",
        "fullname": "Sönke Timm",
        "email": "stimm@kuestensparkasse.example",
        "department": "it-organisation",
        "position": "IT-Systemadministrator",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-142",
        "description": (
            "Kümmert sich um Server, Netzwerk und Benutzerverwaltung sowie "
            "die Wartungsfenster."
        ),
    },
    {
        "id": "ckrohn",
        "fullname": "Christina Krohn",
        "email": "ckrohn@kuestensparkasse.example",
        "department": "it-organisation",
        "position": "Informationssicherheitsbeauftragte",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-143",
        "description": (
            "Expertin für Informationssicherheit, Passwortrichtlinien und "
            "Phishing-Prävention."
        ),
    },
    {
        "id": "pharms",
        "fullname": "Pia Harms",
        "email": "pharms@kuestensparkasse.example",
        "department": "it-organisation",
        "position": "Organisatorin Prozessmanagement",
        "location": "Hauptstelle Warnowstadt",
        "phone": "+49 381 5550-144",
        "description": (
            "Pflegt das Organisationshandbuch und begleitet "
            "Digitalisierungsprojekte wie das Online-Banking."
        ),
    },
]


# The social layer: who recommends, comments on and follows what. Likes are
# spread by a seeded random generator (same result on every run); comments
# and tags are written out, because people read them.
SOCIAL_SEED = 2026

# Tags given to news when they are created (Plone's "Schlagwörter").
NEWS_TAGS = {
    "umstellung-online-banking": ["Digitalisierung", "OnlineBanking"],
    "it-wartungsfenster": ["Digitalisierung", "IT"],
    "neue-gleitzeitregelung": ["Arbeitszeit", "Personal"],
    "nachhaltigkeitsbericht": ["Nachhaltigkeit"],
    "spendenaktion-tafel": ["Nachhaltigkeit", "Engagement"],
}

# (news id, author, text): @mentions name colleagues by user id.
COMMENTS = [
    (
        "neue-filiale-hafenviertel",
        "fpetersen",
        "Tolle Filiale! @hbrandt, machen wir dazu noch eine Pressemitteilung?",
    ),
    (
        "neue-filiale-hafenviertel",
        "hbrandt",
        "Ja, @fpetersen – bitte bis Freitag einen Entwurf. #Hafenviertel",
    ),
    (
        "umstellung-online-banking",
        "skoehler",
        "Gibt es für die Filialen eine Schulung zur Umstellung? "
        "Die Kundschaft fragt schon.",
    ),
    (
        "neue-gleitzeitregelung",
        "mjessen",
        "Gilt die Kernzeit auch für Teilzeitkräfte? @akruse weiß das bestimmt.",
    ),
    (
        "spendenaktion-tafel",
        "jhansen",
        "Unsere Filiale sammelt mit – Kisten stehen am Empfang.",
    ),
    (
        "it-wartungsfenster",
        "lmoeller",
        "Danke für die frühe Info! Ist das Online-Banking auch betroffen?",
    ),
]


# Communities: every visibility and join policy. The first member listed is
# the owner (who starts it), then moderators, then members. ``pages``,
# ``news`` and ``meetup`` are what the members wrote inside.
COMMUNITIES = [
    {
        "id": "intranet-lotsen",
        "title": "Intranet-Lotsen",
        "description": (
            "Kolleginnen und Kollegen, die das neue Intranet in ihre Teams "
            "tragen: Fragen sammeln, Tipps teilen, Schulungen planen."
        ),
        "guidelines": (
            "<p>Jede Frage ist willkommen. Wir antworten innerhalb eines "
            "Arbeitstages und schreiben gute Antworten als Seite auf.</p>"
        ),
        "visibility": "open",
        "join_policy": "open",
        "subjects": ["Intranet", "Digitalisierung"],
        "owner": "fpetersen",
        "moderators": ["lmoeller"],
        "members": [
            "skoehler",
            "mjessen",
            "jhansen",
            "ojacobsen",
            "nlorenzen",
            "ckrohn",
        ],
        "pages": [
            (
                "erste-schritte",
                "Erste Schritte im Intranet",
                "<p>Profil ausfüllen, Communities entdecken, Inhalten folgen.</p>",
            ),
            (
                "faq",
                "Häufige Fragen",
                "<p>Wie empfehle ich eine Seite? Über den "
                "Knopf „Empfehlen“ unter jedem Inhalt.</p>",
            ),
        ],
        "news": [
            (
                "lotsen-treffen",
                "Lotsen-Treffen im Dezember",
                "Wir planen die Schulungen für das erste Quartal.",
            )
        ],
        "meetup": ("lotsen-sprechstunde", "Offene Intranet-Sprechstunde", 6, 14, 1),
    },
    {
        "id": "nachhaltigkeit",
        "title": "Nachhaltige Küstensparkasse",
        "description": "Ideen und Projekte für weniger Papier, Strom und Dienstreisen.",
        "guidelines": "<p>Konstruktiv bleiben, Zahlen nennen, Erfolge teilen.</p>",
        "visibility": "open",
        "join_policy": "open",
        "subjects": ["Nachhaltigkeit"],
        "owner": "bstoltenberg",
        "moderators": [],
        "members": ["jhansen", "kwittenburg", "rbehrens", "pharms"],
        "pages": [("papierlos", "Papierlos im Büro", "<p>Unsere Checkliste.</p>")],
        "news": [
            ("jobrad", "JobRad kommt", "Ab Januar können alle ein Dienstrad leasen.")
        ],
        "meetup": ("fahrradtour", "Fahrradtour zur Warnow", 20, 10, 3),
    },
    {
        "id": "projekt-kernbank",
        "title": "Projekt Kernbank 2027",
        "description": "Die Umstellung auf das neue Kernbankverfahren.",
        "guidelines": (
            "<p>Projektinterne Informationen. Bitte nur nach Rücksprache mit "
            "der Projektleitung weitergeben.</p>"
        ),
        "visibility": "closed",
        "join_policy": "request",
        "subjects": ["IT", "Projekt"],
        "owner": "tschroeder",
        "moderators": ["wfrahm"],
        "members": ["gtiedemann", "dsievers", "lmoeller"],
        "pages": [
            ("zeitplan", "Zeitplan", "<p>Testphase ab März, Umstellung im Juni.</p>")
        ],
        "news": [
            (
                "meilenstein-1",
                "Meilenstein 1 erreicht",
                "Die Datenmigration ist getestet.",
            )
        ],
        "meetup": ("projekt-jourfixe", "Jour fixe Kernbank", 2, 9, 1),
    },
    {
        "id": "azubis",
        "title": "Azubi-Netzwerk",
        "description": "Austausch der Auszubildenden aller Filialen.",
        "guidelines": "<p>Von Azubis für Azubis. Ausbilder lesen mit.</p>",
        "visibility": "closed",
        "join_policy": "request",
        "subjects": ["Ausbildung", "Personal"],
        "owner": "akruse",
        "moderators": ["ihinrichs"],
        "members": ["stimm", "ckrohn"],
        "pages": [("lernplan", "Lernplan Abschlussprüfung", "<p>Wer lernt mit?</p>")],
        "news": [("azubi-stammtisch", "Azubi-Stammtisch", "Jeden ersten Donnerstag.")],
        "meetup": ("pruefungsvorbereitung", "Lerngruppe Prüfung", 9, 16, 2),
    },
    {
        "id": "vorstandsklausur",
        "title": "Vorstandsklausur 2027",
        "description": "Vorbereitung der Strategieklausur.",
        "guidelines": "<p>Vertraulich.</p>",
        "visibility": "secret",
        "join_policy": "invite",
        "subjects": ["Strategie"],
        "owner": "hbrandt",
        "moderators": [],
        "members": ["fpetersen", "tschroeder"],
        "pages": [("agenda", "Agenda", "<p>Strategie 2030, Filialnetz, Personal.</p>")],
        "news": [],
        "meetup": ("klausur", "Klausurtagung", 30, 9, 8),
    },
    {
        "id": "betriebsrat-intern",
        "title": "Betriebsrat intern",
        "description": "Arbeitsraum der Betriebsratsmitglieder.",
        "guidelines": "<p>Nur für gewählte Mitglieder.</p>",
        "visibility": "secret",
        "join_policy": "invite",
        "subjects": ["Betriebsrat"],
        "owner": "mjessen",
        "moderators": ["rbehrens"],
        "members": ["pharms", "kwittenburg"],
        "pages": [("protokolle", "Protokolle", "<p>Die Protokolle der Sitzungen.</p>")],
        "news": [("sitzung", "Nächste Sitzung", "Themen bitte bis Montag melden.")],
        "meetup": ("br-sitzung", "Betriebsratssitzung", 4, 13, 2),
    },
]


# -- posts, replies and questions (issue 4) ---------------------------------
# Built from these pieces with a fixed seed: the same few hundred posts on
# every run, spread over the last POST_DAYS days, written by people who may
# post there. ``{person}`` becomes an @mention of a colleague, ``{tag}`` a
# hashtag of the place.

POST_SEED = 4711
POST_DAYS = 30
POSTS_PER_COMMUNITY = 20
STREAM_POSTS = 60
REPLY_SHARE = 0.5  # about half the posts get replies (1 to 4)

POST_TEMPLATES = [
    "Guten Morgen zusammen! Heute ist die Kantine wegen Umbau geschlossen, "
    "der Bäcker am Markt hat aber Mittagstisch. #Kantine",
    "Danke an {person} für die schnelle Hilfe beim Freigabeprozess! {tag}",
    "Kurzer Hinweis: Die neuen Vorlagen für Kundenanschreiben liegen jetzt "
    "im Intranet unter Marktfolge. {tag}",
    "Wer hat Lust, beim Firmenlauf im Juni mitzumachen? Wir sammeln Namen. #Firmenlauf",
    "Ich habe die Präsentation vom Teamtag hochgeladen – {person}, schaust du "
    "bitte noch einmal drüber? {tag}",
    "Super Ergebnis im Kundenfeedback diesen Monat: 4,6 von 5 Sternen! {tag}",
    "Erinnerung: Morgen ab 14 Uhr Wartungsfenster im Kernbanksystem. #Kernbank #IT",
    "Tipp des Tages: Mit der Suche oben rechts findet ihr auch Kolleginnen "
    "und Kollegen nach Fachgebiet. #Intranet",
    "Unser Azubi-Projekt zur papierlosen Filiale startet nächste Woche. "
    "{person} ist Ansprechpartnerin. #Nachhaltigkeit",
    "Die Öffnungszeiten der Filiale Hafen ändern sich ab Januar. #Öffnungszeiten",
    "Gerade vom Workshop zu #KI2026 zurück – spannende Ideen für die "
    "Kreditvorprüfung. Bericht folgt. {tag}",
    "Habt ihr schon die neue Reisekostenrichtlinie gelesen? Die Pauschalen "
    "sind gestiegen. #Personal",
    "Glückwunsch an {person} zum 25-jährigen Dienstjubiläum! 🎉",
    "Wir suchen zwei Freiwillige für den Infostand beim Stadtfest. {tag}",
    "Neue Folge unseres Podcasts: Wie die Sparkasse Kleinunternehmen "
    "begleitet. https://www.sparkasse.de {tag}",
    "Die Druckerei liefert die neuen Flyer erst Donnerstag. {person}, "
    "reicht das für die Aktion? {tag}",
    "Heute 12 Uhr: kurze Online-Sprechstunde zum Intranet, Link im Kalender. #Intranet",
    "Fundsache: schwarzer Schirm im Besprechungsraum 3. Abholen bei der Poststelle.",
    "Ab sofort können Urlaubsanträge komplett digital gestellt werden. "
    "#Personal #Digitalisierung",
    "Kleine Bitte: Kaffeemaschine im 2. OG nach Gebrauch ausschalten. #Nachhaltigkeit",
]

QUESTION_TEMPLATES = [
    "Kennt sich jemand mit der neuen Widerrufsbelehrung für Ratenkredite aus? {tag}",
    "Wie beantrage ich einen zweiten Bildschirm fürs Homeoffice? #IT",
    "Gibt es eine Vorlage für die Protokolle der Kreditkomitee-Sitzungen? {tag}",
    "Wer weiß, ob Dienstfahrräder über die Sparkasse geleast werden können? "
    "#Nachhaltigkeit",
    "Welche Schulung empfehlt ihr für den Einstieg in die Baufinanzierung? {tag}",
    "Wo finde ich die aktuellen Konditionen für Firmenkunden-Festgeld? {tag}",
    "Kann mir jemand erklären, wie ich im Intranet einer Community folge? #Intranet",
    "Hat jemand Erfahrung mit Videoberatung für ältere Kundinnen und Kunden? {tag}",
]

REPLY_TEMPLATES = [
    "Danke für den Hinweis!",
    "Gute Idee, ich bin dabei.",
    "{person} weiß da bestimmt mehr.",
    "Das steht auch im Handbuch unter Kapitel 4.",
    "Habe ich weitergeleitet, Rückmeldung kommt morgen.",
    "Super, vielen Dank!",
    "Können wir das beim nächsten Teamtreffen besprechen?",
    "Ich schicke dir den Link per Mail.",
]

ANSWER_TEMPLATES = [
    "Ja: Das Formular liegt im Intranet unter Service → Formulare, "
    "Freigabe durch die Abteilungsleitung.",
    "Ich habe das letzten Monat gemacht – frag bei {person}, die hat die Vorlage.",
    "Das regelt die Dienstanweisung 12/2025, Abschnitt 3. Kurz: ja, mit "
    "Antrag bei Personal.",
]

COMMUNITY_TAGS = {
    "intranet-lotsen": "#Intranet",
    "nachhaltigkeit": "#Nachhaltigkeit",
    "projekt-kernbank": "#Kernbank",
    "azubis": "#Azubis",
    "vorstandsklausur": "#Strategie",
    "betriebsrat-intern": "#Betriebsrat",
}

# -- ideas -------------------------------------------------------------------
#
# A site-wide idea box (a campaign with a deadline and a limit of supports)
# and one in the sustainability community. Anke Kruse is in the site-wide
# group of idea reviewers; each box also names its own reviewer.

IDEA_REVIEWERS = ["akruse"]

IDEA_BOXES = [
    {
        "key": "site",
        "community": None,
        "id": "ideen",
        "title": "Ideenbox 2026",
        "description": (
            "Was können wir besser machen? Reichen Sie Ihre Idee bis zum "
            "Stichtag ein und unterstützen Sie die Ideen Ihrer Kolleginnen "
            "und Kollegen."
        ),
        "owner": None,  # created by the site's administrator
        "deadline_days": 60,
        "support_limit": 3,
        "reviewers": ["hbrandt"],
    },
    {
        "key": "nachhaltigkeit",
        "community": "nachhaltigkeit",
        "id": "ideen",
        "title": "Ideen für eine grüne Sparkasse",
        "description": "Vorschläge für weniger Papier, Strom und Dienstreisen.",
        "owner": "bstoltenberg",
        "deadline_days": None,
        "support_limit": None,
        "reviewers": ["bstoltenberg"],
    },
]

# Every status once at least. ``reviewer`` takes the steps after "submitted";
# ``answer`` is the official answer of accept or decline, ``note`` the
# comment of "implemented". Supports stay within the site box's limit of 3.
IDEAS = [
    {
        "box": "site",
        "id": "videoberatung-senioren",
        "title": "Videoberatung für ältere Kundinnen und Kunden",
        "description": "Beratung per Video, mit einem Anruf vorab zur Technik.",
        "problem": "Viele ältere Kundinnen und Kunden kommen schlecht in die Filiale.",
        "proposal": "<p>Ein Tablet-Leihservice und Termine per Video.</p>",
        "benefit": "Weniger Wege, mehr Beratungen.",
        "tags": ["Digitalisierung", "Kundenservice"],
        "author": "jhansen",
        "status": "draft",
        "supporters": [],
        "days_ago": 2,
    },
    {
        "box": "site",
        "id": "wasserspender-filialen",
        "title": "Wasserspender in allen Filialen",
        "description": "Leitungswasser statt Flaschen, für Team und Kundschaft.",
        "problem": "Wir kaufen jede Woche Kisten mit Wasserflaschen.",
        "proposal": "<p>Je Filiale ein Wasserspender am Leitungsnetz.</p>",
        "benefit": "Weniger Schleppen, weniger Plastik, geringere Kosten.",
        "tags": ["Gesundheit", "Nachhaltigkeit"],
        "author": "lmoeller",
        "status": "submitted",
        "supporters": ["skoehler", "ckrohn", "stimm"],
        "days_ago": 6,
        "comments": [
            ("stimm", "In Warnowstadt-Mitte gibt es schon einen. Läuft super!"),
        ],
    },
    {
        "box": "site",
        "id": "mitfahrboerse",
        "title": "Mitfahrbörse für den Arbeitsweg",
        "description": "Fahrgemeinschaften zwischen Hauptstelle und Filialen.",
        "problem": "Viele fahren allein dieselbe Strecke zur Hauptstelle.",
        "proposal": "<p>Eine Seite im Intranet, auf der man Fahrten anbietet.</p>",
        "benefit": "Weniger Parkplatzsorgen und CO₂, mehr Kontakte.",
        "tags": ["Nachhaltigkeit", "Mobilität"],
        "author": "kwittenburg",
        "status": "submitted",
        "supporters": ["jhansen", "pharms", "rbehrens", "ihinrichs", "dsievers"],
        "days_ago": 9,
    },
    {
        "box": "site",
        "id": "feedback-sprechstunde",
        "title": "Offene Sprechstunde mit dem Vorstand",
        "description": "Einmal im Monat Fragen an den Vorstand, ohne Anmeldung.",
        "problem": "Fragen an den Vorstand gehen über viele Ebenen.",
        "proposal": "<p>Eine Stunde im Monat, vor Ort und per Video.</p>",
        "benefit": "Kurze Wege und mehr Verständnis für Entscheidungen.",
        "tags": ["Kommunikation"],
        "author": "mjessen",
        "status": "in_review",
        "reviewer": "hbrandt",
        "supporters": ["fpetersen", "skoehler", "nlorenzen", "ojacobsen"],
        "days_ago": 14,
        "comments": [
            ("hbrandt", "Wir klären gerade die Termine mit dem Vorstandsbüro."),
        ],
    },
    {
        "box": "site",
        "id": "digitale-unterschrift",
        "title": "Digitale Unterschrift für interne Formulare",
        "description": "Urlaubsanträge und Reisekosten ohne Papier.",
        "problem": "Interne Formulare werden ausgedruckt, unterschrieben, gescannt.",
        "proposal": "<p>Freigaben mit der digitalen Signatur im Intranet.</p>",
        "benefit": "Schnellere Freigaben, kein Papier, kein Suchen.",
        "tags": ["Digitalisierung", "Personal"],
        "author": "tschroeder",
        "status": "accepted",
        "reviewer": "akruse",
        "answer": (
            "Angenommen: Die IT richtet die Signatur bis zum Sommer ein, "
            "zuerst für Urlaubsanträge."
        ),
        "supporters": ["wfrahm", "gtiedemann", "dsievers", "lmoeller", "jhansen"],
        "days_ago": 21,
    },
    {
        "box": "site",
        "id": "azubi-paten",
        "title": "Patenschaften für neue Auszubildende",
        "description": "Jede und jeder Neue bekommt eine Patin aus dem 2. Jahr.",
        "problem": "Die ersten Wochen sind für neue Azubis unübersichtlich.",
        "proposal": "<p>Patinnen und Paten aus dem zweiten Lehrjahr.</p>",
        "benefit": "Schnelleres Ankommen, weniger Abbrüche.",
        "tags": ["Ausbildung", "Personal"],
        "author": "nlorenzen",
        "status": "implemented",
        "reviewer": "hbrandt",
        "answer": "Angenommen: Das Personal startet die Patenschaften im August.",
        "note": (
            "Seit August haben alle zwölf neuen Azubis eine Patin oder einen Paten."
        ),
        "supporters": ["ihinrichs", "stimm", "pharms", "ojacobsen"],
        "days_ago": 28,
        "comments": [
            ("ihinrichs", "Meine Patin hat mir sehr geholfen – danke!"),
        ],
    },
    {
        "box": "site",
        "id": "vier-tage-woche",
        "title": "Vier-Tage-Woche in der Hauptstelle",
        "description": "Ein Pilot mit der Vier-Tage-Woche bei vollem Lohn.",
        "problem": "Wir finden schwer neue Kolleginnen und Kollegen.",
        "proposal": "<p>Ein halbjähriger Pilot in zwei Abteilungen.</p>",
        "benefit": "Ein attraktiverer Arbeitgeber.",
        "tags": ["Arbeitszeit", "Personal"],
        "author": "ckrohn",
        "status": "declined",
        "reviewer": "hbrandt",
        "answer": (
            "Abgelehnt: Die Öffnungszeiten der Filialen lassen das derzeit "
            "nicht zu. Wir prüfen stattdessen mehr Gleitzeit."
        ),
        "supporters": ["nlorenzen", "gtiedemann", "wfrahm"],
        "days_ago": 25,
    },
    {
        "box": "nachhaltigkeit",
        "id": "jobrad-stellplaetze",
        "title": "Überdachte Fahrradstellplätze",
        "description": "Damit das JobRad nicht im Regen steht.",
        "problem": "An der Hauptstelle gibt es nur zwölf offene Stellplätze.",
        "proposal": "<p>Ein überdachter Fahrradständer im Innenhof.</p>",
        "benefit": "Mehr Kolleginnen und Kollegen kommen mit dem Rad.",
        "tags": ["Mobilität"],
        "author": "pharms",
        "status": "submitted",
        "supporters": ["jhansen", "rbehrens"],
        "days_ago": 4,
    },
    {
        "box": "nachhaltigkeit",
        "id": "papierlose-protokolle",
        "title": "Papierlose Besprechungsprotokolle",
        "description": "Protokolle nur noch im Intranet.",
        "problem": "Protokolle werden für alle ausgedruckt.",
        "proposal": "<p>Eine Vorlage im Intranet statt Ausdrucken.</p>",
        "benefit": "Rund 20.000 Blatt Papier weniger im Jahr.",
        "tags": ["Papier"],
        "author": "rbehrens",
        "status": "implemented",
        "reviewer": "bstoltenberg",
        "answer": "Machen wir: Die Vorlage kommt mit dem nächsten Update.",
        "note": "Die Vorlage ist online; alle Teams nutzen sie.",
        "supporters": ["kwittenburg", "pharms", "jhansen"],
        "days_ago": 26,
        "comments": [
            ("kwittenburg", "Endlich! Das spart bei uns einen ganzen Ordner."),
        ],
    },
    {
        "box": "nachhaltigkeit",
        "id": "photovoltaik-hauptstelle",
        "title": "Photovoltaik auf dem Dach der Hauptstelle",
        "description": "Eigener Strom vom eigenen Dach.",
        "problem": "Die Hauptstelle kauft ihren ganzen Strom zu.",
        "proposal": "<p>Eine Solaranlage auf dem Flachdach.</p>",
        "benefit": "Niedrigere Stromkosten und ein sichtbares Zeichen.",
        "tags": ["Energie"],
        "author": "jhansen",
        "status": "declined",
        "reviewer": "bstoltenberg",
        "answer": (
            "Leider nein: Das Dach steht unter Denkmalschutz. Wir beziehen "
            "stattdessen ab Januar Ökostrom."
        ),
        "supporters": ["kwittenburg"],
        "days_ago": 18,
    },
    {
        "box": "nachhaltigkeit",
        "id": "regionale-kantine",
        "title": "Regionale Produkte in der Kantine",
        "description": "Gemüse und Fisch von Betrieben aus der Region.",
        "problem": "Die Kantine bestellt bei einem Großhändler.",
        "proposal": "<p>Ein regionaler Tag pro Woche.</p>",
        "benefit": "Kurze Wege, frischeres Essen.",
        "tags": ["Kantine"],
        "author": "kwittenburg",
        "status": "draft",
        "supporters": [],
        "days_ago": 1,
    },
]
