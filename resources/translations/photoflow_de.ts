<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>Version</source>
        <translation>Programmversion</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>{version} on {system} {machine}</source>
        <translation>{version} unter {system} {machine}</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <source>The studio&apos;s kanban board for photography orders, on its own SQLite file or on the PhotoFlow web app&apos;s PostgreSQL database.</source>
        <translation>Die Kanban-Tafel des Studios für Fotoaufträge – in einer eigenen SQLite-Datei oder in der PostgreSQL-Datenbank der PhotoFlow-Web-App.</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Connect to studio server…</source>
        <translation>Mit dem Studio-Server &amp;verbinden…</translation>
    </message>
    <message>
        <source>Use a PostgreSQL server shared by the studio</source>
        <translation>Einen gemeinsamen PostgreSQL-Server des Studios verwenden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>&amp;Neuer Auftrag…</translation>
    </message>
    <message>
        <source>Create a task</source>
        <translation>Einen Auftrag anlegen</translation>
    </message>
    <message>
        <source>&amp;Edit task…</source>
        <translation>Auftrag &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected task</source>
        <translation>Den ausgewählten Auftrag bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Finish task</source>
        <translation>Auftrag &amp;erledigen</translation>
    </message>
    <message>
        <source>Mark the selected task finished (or not)</source>
        <translation>Den ausgewählten Auftrag als erledigt markieren (oder nicht)</translation>
    </message>
    <message>
        <source>&amp;Delete task…</source>
        <translation>Auftrag &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete the selected task and its comments</source>
        <translation>Den ausgewählten Auftrag und seine Kommentare löschen</translation>
    </message>
    <message>
        <source>&amp;Comments…</source>
        <translation>&amp;Kommentare…</translation>
    </message>
    <message>
        <source>Read and write the selected task&apos;s comments</source>
        <translation>Kommentare des ausgewählten Auftrags lesen und schreiben</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Search and filter the board</source>
        <translation>Die Tafel durchsuchen und filtern</translation>
    </message>
    <message>
        <source>Show &amp;finished tasks</source>
        <translation>&amp;Erledigte Aufträge zeigen</translation>
    </message>
    <message>
        <source>Show finished tasks too</source>
        <translation>Auch erledigte Aufträge zeigen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload the board from the database</source>
        <translation>Die Tafel neu aus der Datenbank laden</translation>
    </message>
    <message>
        <source>Move &amp;left</source>
        <translation>Nach &amp;links</translation>
    </message>
    <message>
        <source>Move the selected task one column to the left</source>
        <translation>Den ausgewählten Auftrag eine Spalte nach links schieben</translation>
    </message>
    <message>
        <source>Move &amp;right</source>
        <translation>Nach &amp;rechts</translation>
    </message>
    <message>
        <source>Move the selected task one column to the right</source>
        <translation>Den ausgewählten Auftrag eine Spalte nach rechts schieben</translation>
    </message>
    <message>
        <source>&amp;Add column…</source>
        <translation>Spalte &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Re&amp;name column…</source>
        <translation>Spalte &amp;umbenennen…</translation>
    </message>
    <message>
        <source>Set &amp;WIP limit…</source>
        <translation>&amp;WIP-Limit festlegen…</translation>
    </message>
    <message>
        <source>Move column l&amp;eft</source>
        <translation>Spalte nach l&amp;inks</translation>
    </message>
    <message>
        <source>Move column ri&amp;ght</source>
        <translation>Spalte nach re&amp;chts</translation>
    </message>
    <message>
        <source>Dele&amp;te column…</source>
        <translation>Spalte lö&amp;schen…</translation>
    </message>
    <message>
        <source>&amp;Maintenance…</source>
        <translation>&amp;Wartung…</translation>
    </message>
    <message>
        <source>Backups, restore, database updates, health</source>
        <translation>Sicherungen, Wiederherstellung, Datenbank-Updates, Zustand</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About PhotoFlow</source>
        <translation>&amp;Über PhotoFlow</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tafel</translation>
    </message>
    <message>
        <source>Move &amp;to</source>
        <translation>&amp;Verschieben nach</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Tafel</translation>
    </message>
    <message>
        <source>Un&amp;finish task</source>
        <translation>Als &amp;offen markieren</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: {error}

PhotoFlow keeps running. The details were written to {file}.</source>
        <translation>Etwas ist schiefgegangen: {error}

PhotoFlow läuft weiter. Die Einzelheiten stehen in {file}.</translation>
    </message>
    <message>
        <source>Automatic backup written: {path}</source>
        <translation>Automatische Sicherung geschrieben: {path}</translation>
    </message>
    <message>
        <source>Automatic backup failed</source>
        <translation>Automatische Sicherung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Argparse</name>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>Versionsnummer des Programms anzeigen und beenden</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>Aufruf: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>Positionsargumente</translation>
    </message>
    <message>
        <source>options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>diese Hilfe anzeigen und beenden</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: Fehler: %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>Argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>folgende Argumente sind erforderlich: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>eines der Argumente %s ist erforderlich</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>nicht zusammen mit dem Argument %s erlaubt</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>ungültige Auswahl: %(value)r (möglich: %(choices)s)</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>ungültiger %(type)s-Wert: %(value)r</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>unbekannter Befehl %(parser_name)r (möglich: %(choices)s)</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>unbekannte Argumente: %s</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>mehrdeutige Option: %(option)s könnte %(matches)s sein</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>unerwartete Option: %s</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>ignoriertes explizites Argument %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>erwartet ein Argument</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>erwartet höchstens ein Argument</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>erwartet mindestens ein Argument</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>erwartet %s Argument</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>erwartet %s Argumente</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message numerus="yes">
        <source>%n minute(s) overdue</source>
        <translation>
            <numerusform>%n Minute überfällig</numerusform>
            <numerusform>%n Minuten überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>The columns were not changed: the database refused ({problem}). The board shows what is stored; try again in a moment.</source>
        <translation>Die Spalten wurden nicht geändert: Die Datenbank hat abgelehnt ({problem}). Die Tafel zeigt den gespeicherten Stand; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Board columns</source>
        <translation>Spalten der Tafel</translation>
    </message>
    <message>
        <source>No orders here.
Drag a card here, or press + to add one.</source>
        <translation>Keine Aufträge.
Ziehen Sie eine Karte hierher oder drücken Sie +, um einen anzulegen.</translation>
    </message>
    <message>
        <source>No matching orders.</source>
        <translation>Keine passenden Aufträge.</translation>
    </message>
    <message>
        <source>New task in “{title}”</source>
        <translation>Neuer Auftrag in „{title}“</translation>
    </message>
    <message>
        <source>WIP {limit}</source>
        <translation>WIP-Limit {limit}</translation>
    </message>
    <message>
        <source>Move &amp;to</source>
        <translation>&amp;Verschieben nach</translation>
    </message>
    <message>
        <source>New task here…</source>
        <translation>Neuer Auftrag hier…</translation>
    </message>
    <message>
        <source>Rename column…</source>
        <translation>Spalte umbenennen…</translation>
    </message>
    <message>
        <source>Set WIP limit…</source>
        <translation>WIP-Limit festlegen…</translation>
    </message>
    <message>
        <source>Move column left</source>
        <translation>Spalte nach links</translation>
    </message>
    <message>
        <source>Move column right</source>
        <translation>Spalte nach rechts</translation>
    </message>
    <message>
        <source>Delete column…</source>
        <translation>Spalte löschen…</translation>
    </message>
    <message>
        <source>The database this board shows</source>
        <translation>Die Datenbank, die diese Tafel zeigt</translation>
    </message>
    <message>
        <source>&amp;Discard waiting changes…</source>
        <translation>Wartende Änderungen &amp;verwerfen…</translation>
    </message>
    <message>
        <source>No changes are waiting for the database.</source>
        <translation>Keine Änderungen warten auf die Datenbank.</translation>
    </message>
    <message>
        <source>Discard waiting changes</source>
        <translation>Wartende Änderungen verwerfen</translation>
    </message>
    <message>
        <source>These changes never reached the database and would be lost:</source>
        <translation>Diese Änderungen haben die Datenbank nie erreicht und gingen verloren:</translation>
    </message>
    <message>
        <source>Changes not saved yet</source>
        <translation>Änderungen noch nicht gespeichert</translation>
    </message>
    <message>
        <source>These changes could not reach the database yet. Keep them to apply them the next time PhotoFlow opens this database, or discard them?</source>
        <translation>Diese Änderungen konnten die Datenbank noch nicht erreichen. Aufbewahren, um sie beim nächsten Öffnen dieser Datenbank in PhotoFlow zu übernehmen, oder verwerfen?</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>Für später aufbewahren</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n Tag überfällig</numerusform>
            <numerusform>%n Tage überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) overdue</source>
        <translation>
            <numerusform>%n Stunde überfällig</numerusform>
            <numerusform>%n Stunden überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Over the WIP limit: %n task(s), limit {limit}</source>
        <translation>
            <numerusform>Über dem WIP-Limit: %n Auftrag, Limit {limit}</numerusform>
            <numerusform>Über dem WIP-Limit: %n Aufträge, Limit {limit}</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Datenbank: {db}</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting for the database</source>
        <translation>
            <numerusform>%n Änderung wartet auf die Datenbank</numerusform>
            <numerusform>%n Änderungen warten auf die Datenbank</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening {url}…</source>
        <translation>Öffne {url}…</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>Auftrag löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete “{title}” and its %n comment(s)?

You can bring it back with Edit → Undo.</source>
        <translation>
            <numerusform>„{title}“ und seinen %n Kommentar löschen?

Mit Bearbeiten → Rückgängig holen Sie ihn zurück.</numerusform>
            <numerusform>„{title}“ und seine %n Kommentare löschen?

Mit Bearbeiten → Rückgängig holen Sie ihn zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search…  e.g. Smith status:Retouched due:week</source>
        <translation>Suchen…  z. B. Schmidt status:Retuschiert due:week</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>the database did not answer</source>
        <translation>die Datenbank hat nicht geantwortet</translation>
    </message>
    <message>
        <source>Could not count: {problem}</source>
        <translation>Zählen nicht möglich: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>{title}, {status}, %n comment(s)</source>
        <translation>
            <numerusform>{title}, {status}, %n Kommentar</numerusform>
            <numerusform>{title}, {status}, %n Kommentare</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <source>&amp;Import orders…</source>
        <translation>Aufträge &amp;importieren…</translation>
    </message>
    <message>
        <source>Add orders from a CSV file (any spreadsheet, choose the columns)</source>
        <translation>Aufträge aus einer CSV-Datei hinzufügen (jede Tabelle, Spalten wählbar)</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>Damaged due date: {raw}</source>
        <translation>Beschädigter Termin: {raw}</translation>
    </message>
    <message>
        <source>set a new date</source>
        <translation>neuen Termin setzen</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
</context>
<context>
    <name>CardTexts</name>
    <message>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>finished flag</source>
        <translation>Erledigt-Kennzeichen</translation>
    </message>
    <message>
        <source>comment count</source>
        <translation>Kommentaranzahl</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Damaged title: {raw}</source>
        <translation>Beschädigter Titel: {raw}</translation>
    </message>
    <message>
        <source>Damaged status</source>
        <translation>Beschädigter Status</translation>
    </message>
    <message>
        <source>Damaged {field}: {raw}</source>
        <translation>Beschädigter Wert ({field}): {raw}</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>tls</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>pooler</source>
        <translation>Pooler</translation>
    </message>
    <message>
        <source>direct URL</source>
        <translation>direkte URL</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>integrity</source>
        <translation>Unversehrtheit</translation>
    </message>
    <message>
        <source>migrations</source>
        <translation>Migrationen</translation>
    </message>
    <message>
        <source>web-app schema</source>
        <translation>Schema der Web-App</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>abgekoppelt</translation>
    </message>
    <message>
        <source>drift</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>pg_dump</source>
        <translation>pg_dump</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Exported to {file}</source>
        <translation>Exportiert nach {file}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n task(s) from {file}</source>
        <translation>
            <numerusform>%n Auftrag aus {file} importiert</numerusform>
            <numerusform>%n Aufträge aus {file} importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: {url} ({source})</source>
        <translation>Datenbank: {url} ({source})</translation>
    </message>
    <message>
        <source>PhotoFlow web-app database: will be adopted by `photoflow db migrate`</source>
        <translation>Datenbank der PhotoFlow-Web-App: `photoflow db migrate` übernimmt sie</translation>
    </message>
    <message>
        <source>applied  {name}</source>
        <translation>angewendet  {name}</translation>
    </message>
    <message>
        <source>pending  {name}</source>
        <translation>ausstehend  {name}</translation>
    </message>
    <message>
        <source>Detached from the web app&apos;s tables: `photoflow db migrate` attaches again.</source>
        <translation>Von den Tabellen der Web-App gelöst: `photoflow db migrate` verbindet wieder.</translation>
    </message>
    <message>
        <source>Up to date.</source>
        <translation>Auf dem neuesten Stand.</translation>
    </message>
    <message>
        <source>Attached again: the web app&apos;s changes reach open boards live.</source>
        <translation>Wieder verbunden: Änderungen der Web-App erreichen offene Tafeln sofort.</translation>
    </message>
    <message>
        <source>Nothing to migrate: the database is up to date.</source>
        <translation>Nichts zu migrieren: die Datenbank ist auf dem neuesten Stand.</translation>
    </message>
    <message>
        <source>Backup written first: {path}</source>
        <translation>Zuerst gesichert: {path}</translation>
    </message>
    <message>
        <source>rolled back  {name}</source>
        <translation>zurückgenommen  {name}</translation>
    </message>
    <message numerus="yes">
        <source>Added %n sample order(s).</source>
        <translation>
            <numerusform>%n Beispielauftrag angelegt.</numerusform>
            <numerusform>%n Beispielaufträge angelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>{old} → {new}: %n order(s) would change</source>
        <translation>
            <numerusform>{old} → {new}: %n Auftrag würde geändert</numerusform>
            <numerusform>{old} → {new}: %n Aufträge würden geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{old} → {new}: %n order(s) changed</source>
        <translation>
            <numerusform>{old} → {new}: %n Auftrag geändert</numerusform>
            <numerusform>{old} → {new}: %n Aufträge geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) would change in total.</source>
        <translation>
            <numerusform>Insgesamt würde %n Auftrag geändert.</numerusform>
            <numerusform>Insgesamt würden %n Aufträge geändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) changed in total.</source>
        <translation>
            <numerusform>Insgesamt %n Auftrag geändert.</numerusform>
            <numerusform>Insgesamt %n Aufträge geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every status already uses the web app&apos;s keys: nothing to change.</source>
        <translation>Jeder Stand nutzt schon die Schlüssel der Web-App: nichts zu ändern.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n client(s) from {file}</source>
        <translation>
            <numerusform>%n Kunde aus {file} eingelesen</numerusform>
            <numerusform>%n Kunden aus {file} eingelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending.</source>
        <translation>
            <numerusform>%n ausstehend.</numerusform>
            <numerusform>%n ausstehend.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset {url}: tables recreated.</source>
        <translation>{url} zurückgesetzt: Tabellen neu angelegt.</translation>
    </message>
    <message>
        <source>SQLite has no schemas: there is nothing to detach (PhotoFlow&apos;s tables stay in the file, where Prisma&apos;s `migrate dev` would still see them).</source>
        <translation>SQLite kennt keine Schemas: Es gibt nichts abzukoppeln (die Tabellen von PhotoFlow bleiben in der Datei, wo Prismas `migrate dev` sie weiterhin sähe).</translation>
    </message>
    <message>
        <source>Nothing of PhotoFlow&apos;s is in the web app&apos;s schema: nothing to detach.</source>
        <translation>Im Schema der Web-App liegt nichts von PhotoFlow: Es gibt nichts abzukoppeln.</translation>
    </message>
    <message>
        <source>removed  {name}</source>
        <translation>entfernt  {name}</translation>
    </message>
    <message>
        <source>Detached: Prisma sees only the web app&apos;s schema. Live updates of its changes stop until `photoflow db migrate` attaches again.</source>
        <translation>Abgekoppelt: Prisma sieht nur das Schema der Web-App. Ihre Änderungen erscheinen nicht mehr sofort auf offenen Boards, bis `photoflow db migrate` wieder ankoppelt.</translation>
    </message>
    <message>
        <source>draft #{id}</source>
        <translation>Entwurf #{id}</translation>
    </message>
    <message>
        <source>paid {amount}</source>
        <translation>bezahlt {amount}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>fällig {date}</translation>
    </message>
    <message>
        <source>{number}: {status}, open {amount}</source>
        <translation>{number}: {status}, offen {amount}</translation>
    </message>
    <message>
        <source>Missing for invoices: {names}</source>
        <translation>Fehlt für Rechnungen: {names}</translation>
    </message>
    <message numerus="yes">
        <source>{rows:,} row(s)</source>
        <translation>
            <numerusform>{rows:,} Zeile</numerusform>
            <numerusform>{rows:,} Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation>Sicherung geschrieben: {path}</translation>
    </message>
    <message>
        <source>{format}, {size}, {seconds:.1f} s; {check}</source>
        <translation>{format}, {size}, {seconds:.1f} s; {check}</translation>
    </message>
    <message>
        <source>Restored {file} into {database} in {seconds:.1f} s.</source>
        <translation>{file} in {seconds:.1f} s in {database} wiederhergestellt.</translation>
    </message>
    <message>
        <source>Safety backup of the previous data: {path}</source>
        <translation>Sicherheitskopie der bisherigen Daten: {path}</translation>
    </message>
    <message>
        <source>{file}: OK, {format}. {check}</source>
        <translation>{file}: in Ordnung, {format}. {check}</translation>
    </message>
    <message>
        <source>{operation}: {before} → {after} in {seconds:.1f} s</source>
        <translation>{operation}: {before} → {after} in {seconds:.1f} s</translation>
    </message>
    <message>
        <source>Size: {size}</source>
        <translation>Größe: {size}</translation>
    </message>
    <message>
        <source>Journal mode: {mode}</source>
        <translation>Journalmodus: {mode}</translation>
    </message>
    <message>
        <source>Tables:</source>
        <translation>Tabellen:</translation>
    </message>
    <message>
        <source>Indexes: {count}</source>
        <translation>Indizes: {count}</translation>
    </message>
    <message>
        <source>Connections: {count}</source>
        <translation>Verbindungen: {count}</translation>
    </message>
    <message>
        <source>{name}: {state} since {since}</source>
        <translation>{name}: {state} seit {since}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>never</source>
        <translation>noch nie</translation>
    </message>
    <message>
        <source>Last backup: {time}</source>
        <translation>Letzte Sicherung: {time}</translation>
    </message>
    <message>
        <source>Advice: {advice}</source>
        <translation>Hinweis: {advice}</translation>
    </message>
    <message>
        <source>Database: {url}</source>
        <translation>Datenbank: {url}</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Salvaged into {path} ({method}); the damaged file was not changed.</source>
        <translation>Gerettet nach {path} ({method}); die beschädigte Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>VAT {rate} %</source>
        <translation>USt {rate} %</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>Alle Prüfungen bestanden.</translation>
    </message>
    <message>
        <source>Something is wrong (see FAIL above).</source>
        <translation>Etwas stimmt nicht (siehe FEHLER oben).</translation>
    </message>
</context>
<context>
    <name>CliHelp</name>
    <message>
        <source>PhotoFlow Desktop: the studio&apos;s kanban board.</source>
        <translation>PhotoFlow Desktop: die Kanban-Tafel des Studios.</translation>
    </message>
    <message>
        <source>database to open (sqlite:///file.db or postgresql://user:pass@host:5432/db)</source>
        <translation>zu öffnende Datenbank (sqlite:///datei.db oder postgresql://benutzer:passwort@host:5432/db)</translation>
    </message>
    <message>
        <source>language of the window and the messages (default: the setting, else the system&apos;s)</source>
        <translation>Sprache des Fensters und der Meldungen (Vorgabe: die Einstellung, sonst die des Systems)</translation>
    </message>
    <message>
        <source>log what happens</source>
        <translation>protokollieren, was geschieht</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>BEFEHL</translation>
    </message>
    <message>
        <source>smoke-test this installation on a temporary database (touches nothing else)</source>
        <translation>diese Installation an einer vorübergehenden Datenbank kurz prüfen (ändert sonst nichts)</translation>
    </message>
    <message>
        <source>Create a temporary SQLite database, migrate, seed, render the board offscreen, back up and verify; exit 0 only when every step passes.</source>
        <translation>Legt eine vorübergehende SQLite-Datenbank an, migriert sie, füllt sie mit Beispielaufträgen, zeichnet die Tafel ohne Bildschirm, sichert sie und prüft die Sicherung; Exit-Code 0 nur, wenn jeder Schritt gelingt.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>save the rendered board as a PNG</source>
        <translation>die gezeichnete Tafel als PNG speichern</translation>
    </message>
    <message>
        <source>the studio&apos;s clients</source>
        <translation>die Kunden des Studios</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>AKTION</translation>
    </message>
    <message>
        <source>add a client; prints the new id</source>
        <translation>einen Kunden anlegen; gibt die neue ID aus</translation>
    </message>
    <message>
        <source>EMAIL</source>
        <translation>E-MAIL</translation>
    </message>
    <message>
        <source>PHONE</source>
        <translation>TELEFON</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>TAX_ID</source>
        <translation>STEUERNUMMER</translation>
    </message>
    <message>
        <source>NOTES</source>
        <translation>NOTIZEN</translation>
    </message>
    <message>
        <source>list clients by name</source>
        <translation>die Kunden nach Namen geordnet auflisten</translation>
    </message>
    <message>
        <source>SEARCH</source>
        <translation>SUCHTEXT</translation>
    </message>
    <message>
        <source>part of a name, email, phone or address</source>
        <translation>Teil eines Namens, einer E-Mail-Adresse, Telefonnummer oder Adresse</translation>
    </message>
    <message>
        <source>machine-readable output</source>
        <translation>maschinenlesbare Ausgabe</translation>
    </message>
    <message>
        <source>add clients from a CSV file (all or none)</source>
        <translation>Kunden aus einer CSV-Datei anlegen (alle oder keinen)</translation>
    </message>
    <message>
        <source>FILE.csv</source>
        <translation>DATEI.csv</translation>
    </message>
    <message>
        <source>make CLIENT_ID the client of order TASK_ID (&apos;-&apos;: none)</source>
        <translation>den Auftrag AUFTRAG_ID dem Kunden KUNDEN_ID zuordnen (&apos;-&apos;: keinem)</translation>
    </message>
    <message>
        <source>TASK_ID</source>
        <translation>AUFTRAG_ID</translation>
    </message>
    <message>
        <source>CLIENT_ID</source>
        <translation>KUNDEN_ID</translation>
    </message>
    <message>
        <source>write every client as CSV</source>
        <translation>alle Kunden als CSV schreiben</translation>
    </message>
    <message>
        <source>file to write (default: stdout)</source>
        <translation>zu schreibende Datei (Vorgabe: die Standardausgabe)</translation>
    </message>
    <message>
        <source>write every task as CSV or JSON</source>
        <translation>alle Aufträge als CSV oder JSON schreiben</translation>
    </message>
    <message>
        <source>export the readable rows of a damaged embedded database (it is not changed)</source>
        <translation>die lesbaren Zeilen einer beschädigten eingebauten Datenbank exportieren (sie wird nicht verändert)</translation>
    </message>
    <message>
        <source>add tasks from a CSV or JSON file</source>
        <translation>Aufträge aus einer CSV- oder JSON-Datei anlegen</translation>
    </message>
    <message>
        <source>FIELD=COLUMN,…</source>
        <translation>FELD=SPALTE,…</translation>
    </message>
    <message>
        <source>read any CSV (delimiter and encoding detected): which column holds which field, e.g. task=Titel,dueAt=Fällig,status=Status,additional_information=Notiz</source>
        <translation>eine beliebige CSV-Datei lesen (Trennzeichen und Kodierung werden erkannt): welche Spalte welches Feld enthält, z. B. task=Titel,dueAt=Fällig,status=Status,additional_information=Notiz</translation>
    </message>
    <message>
        <source>rewrite RAW/Developed/Retouched/Printed as the web app&apos;s status keys (backup first)</source>
        <translation>RAW/Developed/Retouched/Printed in die Schlüssel der Web-App für den Stand umschreiben (zuerst eine Sicherung)</translation>
    </message>
    <message>
        <source>only print what would change, write nothing</source>
        <translation>nur ausgeben, was sich ändern würde, nichts schreiben</translation>
    </message>
    <message>
        <source>database operations</source>
        <translation>Datenbankbefehle</translation>
    </message>
    <message>
        <source>applied and pending migrations</source>
        <translation>angewendete und ausstehende Migrationen</translation>
    </message>
    <message>
        <source>apply pending migrations</source>
        <translation>ausstehende Migrationen anwenden</translation>
    </message>
    <message>
        <source>undo the last migration</source>
        <translation>die letzte Migration zurücknehmen</translation>
    </message>
    <message>
        <source>remove PhotoFlow&apos;s triggers from the web app&apos;s schema (before prisma)</source>
        <translation>die Trigger von PhotoFlow aus dem Schema der Web-App entfernen (vor Prisma)</translation>
    </message>
    <message>
        <source>fill the board with sample studio orders</source>
        <translation>die Tafel mit Beispielaufträgen füllen</translation>
    </message>
    <message>
        <source>drop and recreate the tables (deletes every order)</source>
        <translation>die Tabellen löschen und neu anlegen (löscht alle Aufträge)</translation>
    </message>
    <message>
        <source>confirm that every order is deleted</source>
        <translation>bestätigen, dass alle Aufträge gelöscht werden</translation>
    </message>
    <message>
        <source>fill with sample orders afterwards</source>
        <translation>danach mit Beispielaufträgen füllen</translation>
    </message>
    <message>
        <source>invoices: create, issue, cancel, pay, PDF</source>
        <translation>Rechnungen: anlegen, ausstellen, stornieren, bezahlen, PDF</translation>
    </message>
    <message>
        <source>a draft for a client or an order; --issue numbers it</source>
        <translation>einen Entwurf für einen Kunden oder einen Auftrag anlegen; --issue vergibt gleich die Nummer</translation>
    </message>
    <message>
        <source>the order (its client is invoiced)</source>
        <translation>der Auftrag (sein Kunde erhält die Rechnung)</translation>
    </message>
    <message>
        <source>the client</source>
        <translation>der Kunde</translation>
    </message>
    <message>
        <source>&apos;DESCRIPTION;QTY;UNIT_PRICE;VAT&apos;</source>
        <translation>&apos;BESCHREIBUNG;MENGE;EINZELPREIS;UST&apos;</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>SCHLÜSSEL</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>date of service</source>
        <translation>Leistungsdatum</translation>
    </message>
    <message>
        <source>issue it at once</source>
        <translation>sofort ausstellen</translation>
    </message>
    <message>
        <source>issue date (default today)</source>
        <translation>Rechnungsdatum (Vorgabe: heute)</translation>
    </message>
    <message>
        <source>give a draft its number (cannot be undone)</source>
        <translation>einem Entwurf seine Nummer geben (kann nicht rückgängig gemacht werden)</translation>
    </message>
    <message>
        <source>DRAFT_ID</source>
        <translation>ENTWURF_ID</translation>
    </message>
    <message>
        <source>cancel an issued invoice by a cancellation invoice</source>
        <translation>eine ausgestellte Rechnung durch eine Stornorechnung stornieren</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NUMMER</translation>
    </message>
    <message>
        <source>date of the cancellation</source>
        <translation>Datum der Stornierung</translation>
    </message>
    <message>
        <source>invoices with status, total and paid amount</source>
        <translation>Rechnungen mit Stand, Summe und bezahltem Betrag</translation>
    </message>
    <message>
        <source>YEAR</source>
        <translation>JAHR</translation>
    </message>
    <message>
        <source>record a payment</source>
        <translation>eine Zahlung erfassen</translation>
    </message>
    <message>
        <source>AMOUNT</source>
        <translation>BETRAG</translation>
    </message>
    <message>
        <source>e.g. 219.79</source>
        <translation>z. B. 219.79</translation>
    </message>
    <message>
        <source>day the money came (default today)</source>
        <translation>Tag des Geldeingangs (Vorgabe: heute)</translation>
    </message>
    <message>
        <source>METHOD</source>
        <translation>ZAHLUNGSART</translation>
    </message>
    <message>
        <source>transfer, cash, card, …</source>
        <translation>Überweisung, bar, Karte, …</translation>
    </message>
    <message>
        <source>write an issued invoice as PDF</source>
        <translation>eine ausgestellte Rechnung als PDF schreiben</translation>
    </message>
    <message>
        <source>FILE.pdf</source>
        <translation>DATEI.pdf</translation>
    </message>
    <message>
        <source>show or set the studio details printed on invoices</source>
        <translation>die Studiodaten auf den Rechnungen anzeigen oder ändern</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>TAGE</translation>
    </message>
    <message>
        <source>tax profile of new invoices: de_vat_19, de_vat_7 or de_small_business (stored in the database)</source>
        <translation>Steuerprofil neuer Rechnungen: de_vat_19, de_vat_7 oder de_small_business (in der Datenbank gespeichert)</translation>
    </message>
    <message>
        <source>write a verified backup file</source>
        <translation>eine geprüfte Sicherungsdatei schreiben</translation>
    </message>
    <message>
        <source>backup file or folder (default: the backup folder)</source>
        <translation>Sicherungsdatei oder -ordner (Vorgabe: der Sicherungsordner)</translation>
    </message>
    <message>
        <source>plain (.sql), gzip (.sql.gz / .sqlite.gz), custom (.dump), sqlite</source>
        <translation>plain (.sql), gzip (.sql.gz / .sqlite.gz), custom (.dump), sqlite</translation>
    </message>
    <message>
        <source>replace the database with a backup (atomic)</source>
        <translation>die Datenbank durch eine Sicherung ersetzen (ganz oder gar nicht)</translation>
    </message>
    <message>
        <source>confirm that the data is replaced</source>
        <translation>bestätigen, dass die Daten ersetzt werden</translation>
    </message>
    <message>
        <source>is this a complete, restorable backup?</source>
        <translation>ist das eine vollständige, wiederherstellbare Sicherung?</translation>
    </message>
    <message>
        <source>also restore into a scratch database and compare row counts</source>
        <translation>zusätzlich probeweise in eine Wegwerf-Datenbank wiederherstellen und die Zeilenzahlen vergleichen</translation>
    </message>
    <message>
        <source>reclaim space (VACUUM) and update statistics</source>
        <translation>Platz freigeben (VACUUM) und die Statistiken aktualisieren</translation>
    </message>
    <message>
        <source>VACUUM FULL (locks every table)</source>
        <translation>VACUUM FULL (sperrt jede Tabelle)</translation>
    </message>
    <message>
        <source>also ANALYZE</source>
        <translation>zusätzlich ANALYZE</translation>
    </message>
    <message>
        <source>print the server&apos;s output</source>
        <translation>die Ausgabe des Servers zeigen</translation>
    </message>
    <message>
        <source>sizes, rows, connections, indexes, last backup</source>
        <translation>Größen, Zeilen, Verbindungen, Indizes, letzte Sicherung</translation>
    </message>
    <message>
        <source>diagnose the connection, migrations and pg_dump</source>
        <translation>Verbindung, Migrationen und pg_dump prüfen</translation>
    </message>
    <message>
        <source>copy every readable row of a damaged SQLite file into a new file</source>
        <translation>jede lesbare Zeile einer beschädigten SQLite-Datei in eine neue Datei kopieren</translation>
    </message>
    <message>
        <source>the studio&apos;s price list</source>
        <translation>die Preisliste des Studios</translation>
    </message>
    <message>
        <source>add an entry; prints its id</source>
        <translation>einen Eintrag anlegen; gibt seine ID aus</translation>
    </message>
    <message>
        <source>UNIT_PRICE</source>
        <translation>EINZELPREIS</translation>
    </message>
    <message>
        <source>e.g. 49.00</source>
        <translation>z. B. 49.00</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>UST</translation>
    </message>
    <message>
        <source>percent, e.g. 19</source>
        <translation>Prozent, z. B. 19</translation>
    </message>
    <message>
        <source>UNIT</source>
        <translation>EINHEIT</translation>
    </message>
    <message>
        <source>piece, hour, session, …</source>
        <translation>Stück, Stunde, Sitzung, …</translation>
    </message>
    <message>
        <source>every entry by name</source>
        <translation>alle Einträge nach Namen geordnet</translation>
    </message>
    <message>
        <source>remove an entry (invoices keep their lines)</source>
        <translation>einen Eintrag entfernen (Rechnungen behalten ihre Positionen)</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>New client</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Edit client</source>
        <translation>Kunde bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Anschrift</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>Steuernummer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>Steuernummer</translation>
    </message>
</context>
<context>
    <name>ClientsWindow</name>
    <message>
        <source>Clients</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Search name, email, phone, address…</source>
        <translation>Name, E-Mail, Telefon, Anschrift suchen…</translation>
    </message>
    <message>
        <source>Add client…</source>
        <translation>Kunde hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n Kunde</numerusform>
            <numerusform>%n Kunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
</context>
<context>
    <name>ColumnDialogs</name>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>Work-in-progress limit: the column header warns when it holds more cards</source>
        <translation>WIP-Limit: Der Spaltenkopf warnt, wenn die Spalte mehr Karten enthält</translation>
    </message>
    <message>
        <source>Rename column</source>
        <translation>Spalte umbenennen</translation>
    </message>
    <message>
        <source>Add column</source>
        <translation>Spalte hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Retouching</source>
        <translation>z. B. Retusche</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;WIP limit:</source>
        <translation>&amp;WIP-Limit:</translation>
    </message>
    <message>
        <source>WIP limit of “{title}”</source>
        <translation>WIP-Limit von „{title}“</translation>
    </message>
    <message numerus="yes">
        <source>The column holds %n open card(s). 0 means no limit.</source>
        <translation>
            <numerusform>Die Spalte enthält %n offene Karte. 0 heißt kein Limit.</numerusform>
            <numerusform>Die Spalte enthält %n offene Karten. 0 heißt kein Limit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete column “{title}”</source>
        <translation>Spalte „{title}“ löschen</translation>
    </message>
    <message>
        <source>Delete column</source>
        <translation>Spalte löschen</translation>
    </message>
    <message numerus="yes">
        <source>“{title}” holds %n task(s) (finished ones included). Move them to:</source>
        <translation>
            <numerusform>„{title}“ enthält %n Auftrag (erledigte mitgezählt). Verschieben nach:</numerusform>
            <numerusform>„{title}“ enthält %n Aufträge (erledigte mitgezählt). Verschieben nach:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Move to:</source>
        <translation>&amp;Verschieben nach:</translation>
    </message>
    <message>
        <source>This is the only column: add another one to move the tasks to</source>
        <translation>Das ist die einzige Spalte: Fügen Sie eine weitere hinzu, in die die Aufträge wandern</translation>
    </message>
    <message>
        <source>Delete the empty column “{title}”?</source>
        <translation>Die leere Spalte „{title}“ löschen?</translation>
    </message>
    <message>
        <source>The board needs at least one column</source>
        <translation>Die Tafel braucht mindestens eine Spalte</translation>
    </message>
</context>
<context>
    <name>ColumnView</name>
    <message>
        <source>Loading cards</source>
        <translation>Karten werden geladen</translation>
    </message>
    <message>
        <source>about {count}</source>
        <translation>etwa {count}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>To do</source>
        <translation>To-Do</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>CommandRunner</name>
    <message>
        <source>The database cannot be reached: the card is back where it was, and the change is applied when the database is back.</source>
        <translation>Die Datenbank ist nicht erreichbar: Die Karte ist wieder an ihrem Platz, und die Änderung wird ausgeführt, sobald die Datenbank wieder da ist.</translation>
    </message>
    <message>
        <source>The change was not applied.</source>
        <translation>Die Änderung wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>The task keeps changing elsewhere; try again in a moment</source>
        <translation>Der Auftrag wird gerade an anderer Stelle laufend geändert; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <source>The task could not be created again.</source>
        <translation>Der Auftrag konnte nicht wieder angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Comments</name>
    <message>
        <source>Add comment “{text}”</source>
        <translation>Kommentar „{text}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit comment “{text}”</source>
        <translation>Kommentar „{text}“ bearbeiten</translation>
    </message>
    <message>
        <source>Delete comment “{text}”</source>
        <translation>Kommentar „{text}“ löschen</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves, Esc cancels</source>
        <translation>Strg+Eingabe speichert, Esc bricht ab</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Edit the selected comment (F2)</source>
        <translation>Den ausgewählten Kommentar bearbeiten (F2)</translation>
    </message>
    <message>
        <source>Delete the selected comment (Delete)</source>
        <translation>Den ausgewählten Kommentar löschen (Entf)</translation>
    </message>
    <message>
        <source>Double-click or F2 edits · Ctrl+C copies</source>
        <translation>Doppelklick oder F2 bearbeitet · Strg+C kopiert</translation>
    </message>
    <message>
        <source>New comment</source>
        <translation>Neuer Kommentar</translation>
    </message>
    <message>
        <source>Write a comment… (Ctrl+Enter sends)</source>
        <translation>Kommentar schreiben… (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Add the comment (Ctrl+Enter)</source>
        <translation>Den Kommentar hinzufügen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the thread (Esc)</source>
        <translation>Den Verlauf schließen (Esc)</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation>Strg+Eingabe sendet</translation>
    </message>
    <message>
        <source>the database cannot be reached</source>
        <translation>die Datenbank ist nicht erreichbar</translation>
    </message>
    <message>
        <source>the database refused it ({problem})</source>
        <translation>die Datenbank hat sie abgelehnt ({problem})</translation>
    </message>
    <message>
        <source>Comment not sent: {reason}. Your text is still below; send it again when the database answers.</source>
        <translation>Kommentar nicht gesendet: {reason}. Ihr Text steht noch unten; senden Sie ihn erneut, sobald die Datenbank antwortet.</translation>
    </message>
    <message>
        <source>Edit not saved: {reason}. Your text is kept: press F2 on the comment and save it again.</source>
        <translation>Änderung nicht gespeichert: {reason}. Ihr Text bleibt erhalten: F2 auf dem Kommentar drücken und erneut speichern.</translation>
    </message>
    <message>
        <source>Comment not deleted: {reason}. Try again when the database answers.</source>
        <translation>Kommentar nicht gelöscht: {reason}. Versuchen Sie es erneut, sobald die Datenbank antwortet.</translation>
    </message>
    <message>
        <source>Comments not loaded: {reason}. Close the thread and open it again to retry.</source>
        <translation>Kommentare nicht geladen: {reason}. Schließen Sie den Verlauf und öffnen Sie ihn erneut.</translation>
    </message>
    <message>
        <source>Could not undo: {reason}. The step was dropped; the thread is as stored.</source>
        <translation>Rückgängig nicht möglich: {reason}. Der Schritt wurde verworfen; der Verlauf zeigt den gespeicherten Stand.</translation>
    </message>
    <message>
        <source>Could not redo: {reason}. The step was dropped; the thread is as stored.</source>
        <translation>Wiederholen nicht möglich: {reason}. Der Schritt wurde verworfen; der Verlauf zeigt den gespeicherten Stand.</translation>
    </message>
    <message>
        <source>Comments — task #{id}</source>
        <translation>Kommentare — Auftrag #{id}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Delete comment</source>
        <translation>Kommentar löschen</translation>
    </message>
    <message>
        <source>Delete this comment from {time}?</source>
        <translation>Diesen Kommentar vom {time} löschen?</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Mit Strg+Z können Sie das rückgängig machen.</translation>
    </message>
    <message>
        <source>Loading the comments…</source>
        <translation>Kommentare werden geladen…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Unsent comment</source>
        <translation>Nicht gesendeter Kommentar</translation>
    </message>
    <message>
        <source>Close and discard the comment you have not sent?</source>
        <translation>Schließen und den nicht gesendeten Kommentar verwerfen?</translation>
    </message>
    <message numerus="yes">
        <source>Due {due} · {status} · %n comment(s)</source>
        <translation>
            <numerusform>Fällig {due} · {status} · %n Kommentar</numerusform>
            <numerusform>Fällig {due} · {status} · %n Kommentare</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit not saved: {problem}. Press Esc in the editor to cancel.</source>
        <translation>Änderung nicht gespeichert: {problem}. Esc im Editor bricht ab.</translation>
    </message>
    <message>
        <source>Comments — {title} (due {due})</source>
        <translation>Kommentare — {title} (fällig {due})</translation>
    </message>
    <message>
        <source>Task #{id}</source>
        <translation>Auftrag #{id}</translation>
    </message>
    <message>
        <source>Task deleted</source>
        <translation>Auftrag gelöscht</translation>
    </message>
    <message>
        <source>“{title}” was deleted, here or on another workstation. Its comment thread is closed.</source>
        <translation>„{title}“ wurde gelöscht, hier oder an einem anderen Arbeitsplatz. Sein Kommentarverlauf ist geschlossen.</translation>
    </message>
    <message>
        <source>Your unsent comment is under “Show Details…” to copy.</source>
        <translation>Ihr nicht gesendeter Kommentar steht zum Kopieren unter „Details einblenden…“.</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>vor {minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation>vor {hours} Std.</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>No comments yet.
Write the first one below.</source>
        <translation>Noch keine Kommentare.
Schreiben Sie unten den ersten.</translation>
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Von jemand anderem geändert</translation>
    </message>
    <message>
        <source>{action}: this task was already deleted by someone else.</source>
        <translation>{action}: Dieser Auftrag wurde bereits von jemand anderem gelöscht.</translation>
    </message>
    <message>
        <source>{action}: “{title}” was deleted by someone else while you were working on it. Your values are shown below.</source>
        <translation>{action}: „{title}“ wurde von jemand anderem gelöscht, während Sie daran gearbeitet haben. Ihre Werte stehen unten.</translation>
    </message>
    <message>
        <source>{action}: “{title}” was changed by someone else since you looked at it. Below is what it holds now.</source>
        <translation>{action}: „{title}“ wurde von jemand anderem geändert, seit Sie ihn angesehen haben. Unten steht der jetzige Inhalt.</translation>
    </message>
    <message>
        <source>{action}: “{title}” was changed by someone else since you opened it. Theirs (stored now) and yours differ in the fields shown in bold.</source>
        <translation>{action}: „{title}“ wurde von jemand anderem geändert, seit Sie ihn geöffnet haben. Die gespeicherte und Ihre Fassung unterscheiden sich in den fett gezeigten Feldern.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Leave it deleted</source>
        <translation>Gelöscht lassen</translation>
    </message>
    <message>
        <source>Create it again with my values</source>
        <translation>Mit meinen Werten neu anlegen</translation>
    </message>
    <message>
        <source>Edit again</source>
        <translation>Erneut bearbeiten</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Deren Fassung behalten</translation>
    </message>
    <message>
        <source>Go ahead anyway</source>
        <translation>Trotzdem fortfahren</translation>
    </message>
    <message>
        <source>Overwrite with mine</source>
        <translation>Mit meiner überschreiben</translation>
    </message>
    <message>
        <source>Theirs (stored now)</source>
        <translation>Gespeichert (jetzt)</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihre</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>(delete)</source>
        <translation>(löschen)</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>database &apos;{name}&apos; holds a PhotoFlow board</source>
        <translation>die Datenbank &apos;{name}&apos; enthält eine PhotoFlow-Tafel</translation>
    </message>
    <message>
        <source>database &apos;{name}&apos; is a PhotoFlow web-app database (it will be adopted)</source>
        <translation>die Datenbank &apos;{name}&apos; gehört zur PhotoFlow-Web-App (sie wird übernommen)</translation>
    </message>
    <message>
        <source>database &apos;{name}&apos; holds other tables; PhotoFlow will add its own</source>
        <translation>die Datenbank &apos;{name}&apos; enthält andere Tabellen; PhotoFlow legt seine eigenen dazu</translation>
    </message>
    <message>
        <source>database &apos;{name}&apos; is empty; PhotoFlow will set it up</source>
        <translation>die Datenbank &apos;{name}&apos; ist leer; PhotoFlow richtet sie ein</translation>
    </message>
    <message>
        <source>Connected to PostgreSQL {version}: {content}</source>
        <translation>Verbunden mit PostgreSQL {version}: {content}</translation>
    </message>
    <message>
        <source>The direct connection names database &apos;{direct}&apos;, the server above &apos;{name}&apos;: both must reach the same database.</source>
        <translation>Die direkte Verbindung nennt die Datenbank „{direct}“, der Server oben „{name}“: Beide müssen dieselbe Datenbank erreichen.</translation>
    </message>
    <message>
        <source>Direct connection: {problem}</source>
        <translation>Direkte Verbindung: {problem}</translation>
    </message>
    <message>
        <source>The direct connection works: backups, restores and instant updates use it.</source>
        <translation>Die direkte Verbindung funktioniert: Sicherungen, Wiederherstellungen und sofortige Aktualisierungen nutzen sie.</translation>
    </message>
    <message>
        <source>Connect to studio server</source>
        <translation>Mit dem Studio-Server verbinden</translation>
    </message>
    <message>
        <source>postgresql://user:password@host:5432/database</source>
        <translation>postgresql://benutzer:passwort@host:5432/datenbank</translation>
    </message>
    <message>
        <source>studio-nas or 192.168.1.20</source>
        <translation>studio-nas oder 192.168.1.20</translation>
    </message>
    <message>
        <source>e.g. connection_limit=10&amp;sslmode=require</source>
        <translation>z. B. connection_limit=10&amp;sslmode=require</translation>
    </message>
    <message>
        <source>optional, e.g. http://studio-pc:3000</source>
        <translation>optional, z. B. http://studio-pc:3000</translation>
    </message>
    <message>
        <source>The web app&apos;s socket.io server: its open pages and this board refresh each other at once. Empty: off.</source>
        <translation>Der socket.io-Server der Web-App: ihre offenen Seiten und dieses Board aktualisieren sich gegenseitig sofort. Leer: aus.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Paste a &amp;URL:</source>
        <translation>&amp;URL einfügen:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Options:</source>
        <translation>&amp;Optionen:</translation>
    </message>
    <message>
        <source>Web app &amp;live refresh (socket.io):</source>
        <translation>&amp;Live-Aktualisierung der Web-App (socket.io):</translation>
    </message>
    <message>
        <source>D&amp;irect connection (pooler only):</source>
        <translation>D&amp;irekte Verbindung (nur bei Pooler):</translation>
    </message>
    <message>
        <source>A server URL starts with postgresql:// (e.g. postgresql://user@host/db)</source>
        <translation>Eine Server-URL beginnt mit postgresql:// (z. B. postgresql://benutzer@host/db)</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>Geben Sie Name oder Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>Geben Sie den Namen der Datenbank ein.</translation>
    </message>
    <message>
        <source>The user name or password contains an invisible NUL character.</source>
        <translation>Benutzername oder Passwort enthält ein unsichtbares NUL-Zeichen.</translation>
    </message>
    <message>
        <source>Options are name=value pairs joined by &amp;, e.g. connection_limit=10</source>
        <translation>Optionen sind Paare name=wert, verbunden mit &amp;, z. B. connection_limit=10</translation>
    </message>
    <message>
        <source>Connecting to {url}…</source>
        <translation>Verbinde mit {url}…</translation>
    </message>
    <message>
        <source>{name} is set in the environment and is used instead.</source>
        <translation>{name} ist in der Umgebung gesetzt und wird stattdessen verwendet.</translation>
    </message>
    <message>
        <source>optional, e.g. postgresql://user@db-host:5432/photoflow</source>
        <translation>optional, z. B. postgresql://benutzer@db-host:5432/photoflow</translation>
    </message>
    <message>
        <source>Only when the server above is a pooler (PgBouncer, Supabase, Neon): the direct address of PostgreSQL, for backups, restores and instant updates. Without a password, the one above is used.</source>
        <translation>Nur wenn der Server oben ein Pooler ist (PgBouncer, Supabase, Neon): die direkte Adresse von PostgreSQL, für Sicherungen, Wiederherstellungen und sofortige Aktualisierungen. Ohne Passwort wird das Passwort von oben verwendet.</translation>
    </message>
    <message>
        <source>The direct connection must start with postgresql:// (or stay empty).</source>
        <translation>Die direkte Verbindung muss mit postgresql:// beginnen (oder leer bleiben).</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message numerus="yes">
        <source>%n change(s) still wait for {url}. Save or discard them (File → Quit asks) before opening another database.</source>
        <translation>
            <numerusform>%n Änderung wartet noch auf {url}. Speichern oder verwerfen Sie sie (Datei → Beenden fragt), bevor Sie eine andere Datenbank öffnen.</numerusform>
            <numerusform>%n Änderungen warten noch auf {url}. Speichern oder verwerfen Sie sie (Datei → Beenden fragt), bevor Sie eine andere Datenbank öffnen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The board stays on {url}: {problem}</source>
        <translation>Die Tafel bleibt bei {url}: {problem}</translation>
    </message>
    <message>
        <source>no connection to the database</source>
        <translation>keine Verbindung zur Datenbank</translation>
    </message>
    <message>
        <source>{reason}. Reconnecting… The board shows what was loaded; changes are paused until the database is back.</source>
        <translation>{reason}. Verbinde neu… Die Tafel zeigt, was geladen war; Änderungen ruhen, bis die Datenbank wieder da ist.</translation>
    </message>
</context>
<context>
    <name>DataBrowser</name>
    <message>
        <source>Task #{id} not changed: {problem}</source>
        <translation>Auftrag #{id} nicht geändert: {problem}</translation>
    </message>
    <message>
        <source>Could not read the rows: {problem}</source>
        <translation>Die Zeilen konnten nicht gelesen werden: {problem}</translation>
    </message>
    <message>
        <source>Row id</source>
        <translation>Zeilen-ID</translation>
    </message>
    <message>
        <source>Damaged: {raw}</source>
        <translation>Beschädigt: {raw}</translation>
    </message>
    <message>
        <source>Title of the order</source>
        <translation>Titel des Auftrags</translation>
    </message>
    <message>
        <source>Due date (shown in local time, stored as UTC)</source>
        <translation>Termin (in Ortszeit gezeigt, als UTC gespeichert)</translation>
    </message>
    <message>
        <source>Workflow status (free text)</source>
        <translation>Bearbeitungsstand (freier Text)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Key of the board column</source>
        <translation>Schlüssel der Spalte</translation>
    </message>
    <message>
        <source>Number of comments (kept by PhotoFlow)</source>
        <translation>Anzahl der Kommentare (von PhotoFlow gepflegt)</translation>
    </message>
    <message>
        <source>Created (local time)</source>
        <translation>Angelegt (Ortszeit)</translation>
    </message>
    <message>
        <source>Task #{id} not changed: {problem}. The row now shows the stored values.</source>
        <translation>Auftrag #{id} nicht geändert: {problem}. Die Zeile zeigt jetzt die gespeicherten Werte.</translation>
    </message>
    <message>
        <source>The task this comment belongs to</source>
        <translation>Der Auftrag, zu dem dieser Kommentar gehört</translation>
    </message>
    <message>
        <source>Comment text</source>
        <translation>Text des Kommentars</translation>
    </message>
    <message>
        <source>Written (local time)</source>
        <translation>Geschrieben (Ortszeit)</translation>
    </message>
    <message>
        <source>Comment #{id} not changed: {problem}</source>
        <translation>Kommentar #{id} nicht geändert: {problem}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>{loaded:,} of {total:,} rows loaded</source>
        <translation>{loaded:,} von {total:,} Zeilen geladen</translation>
    </message>
    <message>
        <source>Reading… {rows}</source>
        <translation>Lese… {rows}</translation>
    </message>
    <message>
        <source>Filter: Smith  status:RAW  column:2  due:week  finished:no</source>
        <translation>Filter: Schmidt  status:Entwickelt  column:2  due:week  finished:no</translation>
    </message>
    <message>
        <source>Show comments of this task</source>
        <translation>Kommentare dieses Auftrags zeigen</translation>
    </message>
    <message>
        <source>Filter: text</source>
        <translation>Filter: Text</translation>
    </message>
    <message>
        <source>All comments</source>
        <translation>Alle Kommentare</translation>
    </message>
    <message>
        <source>Filter: text (read-only table)</source>
        <translation>Filter: Text (nur lesbare Tabelle)</translation>
    </message>
    <message>
        <source>Filter not applied: {problem}</source>
        <translation>Filter nicht angewendet: {problem}</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Alle Aufträge</translation>
    </message>
    <message>
        <source>Task #{id}</source>
        <translation>Auftrag #{id}</translation>
    </message>
    <message>
        <source>Task #{id} “{title}”</source>
        <translation>Auftrag #{id} „{title}“</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Name des Kunden</translation>
    </message>
    <message>
        <source>Invoice number (given when issued)</source>
        <translation>Rechnungsnummer (beim Ausstellen vergeben)</translation>
    </message>
    <message>
        <source>Invoice or cancellation invoice</source>
        <translation>Rechnung oder Stornorechnung</translation>
    </message>
    <message>
        <source>Stored state: draft, issued or cancelled</source>
        <translation>Gespeicherter Zustand: Entwurf, ausgestellt oder storniert</translation>
    </message>
    <message>
        <source>The client&apos;s name as printed on the invoice</source>
        <translation>Der Name des Kunden, wie er auf der Rechnung steht</translation>
    </message>
    <message>
        <source>Total including VAT</source>
        <translation>Gesamtbetrag inklusive USt.</translation>
    </message>
    <message>
        <source>Number of the invoice paid</source>
        <translation>Nummer der bezahlten Rechnung</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>ddd dd MMM HH:mm</source>
        <translation>ddd, d. MMM HH:mm</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy HH:mm</source>
        <translation>ddd, d. MMM yyyy HH:mm</translation>
    </message>
    <message>
        <source>ddd dd MMM</source>
        <translation>ddd, d. MMM</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy</source>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy, HH:mm</source>
        <translation>ddd, d. MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy, HH:mm:ss</source>
        <translation>dddd, d. MMMM yyyy, HH:mm:ss</translation>
    </message>
    <message>
        <source>dddd, d MMMM yyyy, HH:mm</source>
        <translation>dddd, d. MMMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>dddd, d MMMM yyyy</source>
        <translation>dddd, d. MMMM yyyy</translation>
    </message>
    <message>
        <source>ddd yyyy-MM-dd  HH:mm</source>
        <translation>ddd dd.MM.yyyy  HH:mm</translation>
    </message>
    <message>
        <source>ddd yyyy-MM-dd</source>
        <translation>ddd dd.MM.yyyy</translation>
    </message>
</context>
<context>
    <name>DayTools</name>
    <message>
        <source>&amp;Today…</source>
        <translation>&amp;Heute…</translation>
    </message>
    <message>
        <source>Overdue orders, today&apos;s and the next 7 days&apos;</source>
        <translation>Überfällige Aufträge, die von heute und der nächsten 7 Tage</translation>
    </message>
</context>
<context>
    <name>DueEdit</name>
    <message>
        <source>e.g. 05.12.2026 14:30 or 2026-12-05 14:30</source>
        <translation>z. B. 05.12.2026 14:30 oder 2026-12-05 14:30</translation>
    </message>
    <message>
        <source>Pick the day from a calendar</source>
        <translation>Den Tag im Kalender wählen</translation>
    </message>
    <message>
        <source>Not a date: type 05.12.2026 14:30 or 2026-12-05 14:30</source>
        <translation>Kein Datum: 05.12.2026 14:30 oder 2026-12-05 14:30 eingeben</translation>
    </message>
</context>
<context>
    <name>EmptyBoardHint</name>
    <message>
        <source>&lt;b&gt;Welcome — the board is empty.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Willkommen — die Tafel ist leer.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Try it with sample orders, import your orders from a spreadsheet (CSV), or work on the studio&apos;s shared board: File → Connect to studio server… and enter the address your studio&apos;s PostgreSQL server was given, e.g. postgresql://photoflow@studio-server:5432/photoflow.</source>
        <translation>Probieren Sie es mit Beispielaufträgen, importieren Sie Ihre Aufträge aus einer Tabelle (CSV) oder arbeiten Sie auf der gemeinsamen Tafel des Studios: Datei → Mit dem Studio-Server verbinden… und die Adresse des PostgreSQL-Servers Ihres Studios eingeben, z. B. postgresql://photoflow@studio-server:5432/photoflow.</translation>
    </message>
    <message>
        <source>Add sample orders</source>
        <translation>Beispielaufträge anlegen</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Connect to studio server…</source>
        <translation>Mit dem Studio-Server verbinden…</translation>
    </message>
    <message>
        <source>No sample orders added: {0}</source>
        <translation>Keine Beispielaufträge angelegt: {0}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot read {file}: {problem}</source>
        <translation>{file} kann nicht gelesen werden: {problem}</translation>
    </message>
    <message>
        <source>Reset deletes every order; add --yes to confirm</source>
        <translation>Zurücksetzen löscht alle Aufträge; zum Bestätigen --yes anhängen</translation>
    </message>
    <message>
        <source>The database has pending migrations: run `photoflow db migrate`</source>
        <translation>Die Datenbank hat ausstehende Migrationen: `photoflow db migrate` ausführen</translation>
    </message>
    <message>
        <source>{file} does not exist</source>
        <translation>{file} gibt es nicht</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>Restoring replaces every order in {database} with the backup of {time} UTC; add --yes to confirm</source>
        <translation>Die Wiederherstellung ersetzt alle Aufträge in {database} durch die Sicherung vom {time} UTC; zum Bestätigen --yes anhängen</translation>
    </message>
    <message>
        <source>Live updates by polling need the change marker: run `photoflow db migrate` (migration 006)</source>
        <translation>Live-Aktualisierung durch Abfragen braucht den Änderungszähler: `photoflow db migrate` ausführen (Migration 006)</translation>
    </message>
    <message>
        <source>The change feed is not connected</source>
        <translation>Der Änderungskanal ist nicht verbunden</translation>
    </message>
    <message>
        <source>The database file is not being watched</source>
        <translation>Die Datenbankdatei wird nicht beobachtet</translation>
    </message>
    <message>
        <source>Column &apos;{key}&apos; no longer exists</source>
        <translation>Die Spalte &apos;{key}&apos; gibt es nicht mehr</translation>
    </message>
    <message>
        <source>The new order must name every column exactly once</source>
        <translation>Die neue Reihenfolge muss jede Spalte genau einmal nennen</translation>
    </message>
    <message numerus="yes">
        <source>This column still holds {count} task(s); choose where to move them</source>
        <translation>
            <numerusform>Diese Spalte enthält noch {count} Auftrag; wählen Sie, wohin er soll</numerusform>
            <numerusform>Diese Spalte enthält noch {count} Aufträge; wählen Sie, wohin sie sollen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose another column to move the tasks to</source>
        <translation>Wählen Sie eine andere Spalte für die Aufträge</translation>
    </message>
    <message>
        <source>Task #{id} no longer exists (it was deleted)</source>
        <translation>Auftrag #{id} gibt es nicht mehr (er wurde gelöscht)</translation>
    </message>
    <message>
        <source>Comment #{id} no longer exists</source>
        <translation>Kommentar #{id} gibt es nicht mehr</translation>
    </message>
    <message>
        <source>The JSON file holds no list of tasks</source>
        <translation>Die JSON-Datei enthält keine Liste von Aufträgen</translation>
    </message>
    <message>
        <source>The file is not valid JSON: {problem}</source>
        <translation>Die Datei ist kein gültiges JSON: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>The CSV file lacks the column(s): {columns}</source>
        <translation>
            <numerusform>Der CSV-Datei fehlen die Spalten: {columns}</numerusform>
            <numerusform>Der CSV-Datei fehlen die Spalten: {columns}</numerusform>
        </translation>
    </message>
    <message>
        <source>Row {number}: the CSV cannot be read ({problem}); a field may hold at most {limit:,} characters</source>
        <translation>Zeile {number}: Die CSV-Datei lässt sich nicht lesen ({problem}); ein Feld darf höchstens {limit:,} Zeichen enthalten</translation>
    </message>
    <message>
        <source>it is not a task record</source>
        <translation>es ist kein Auftrag</translation>
    </message>
    <message>
        <source>Row {number}: {problem}</source>
        <translation>Zeile {number}: {problem}</translation>
    </message>
    <message>
        <source>Row {number} has {fields} fields but the header has {header}: check its quotes and commas</source>
        <translation>Zeile {number} hat {fields} Felder, die Kopfzeile aber {header}: Anführungszeichen und Kommas prüfen</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Comment id</source>
        <translation>Kommentar-ID</translation>
    </message>
    <message>
        <source>The SQLite URL names no file: use sqlite:////path/to/file.db</source>
        <translation>Die SQLite-URL nennt keine Datei: sqlite:////pfad/zur/datei.db verwenden</translation>
    </message>
    <message>
        <source>There is no column &apos;{value}&apos; on this board: use {choices}</source>
        <translation>Auf dieser Tafel gibt es keine Spalte &apos;{value}&apos;: {choices} verwenden</translation>
    </message>
    <message>
        <source>Unknown finished filter &apos;finished:{value}&apos;: use finished:yes or finished:no</source>
        <translation>Unbekannter Filter &apos;finished:{value}&apos;: finished:yes oder finished:no verwenden</translation>
    </message>
    <message>
        <source>Unknown due filter &apos;due:{value}&apos;: use due:today, due:week or due:overdue</source>
        <translation>Unbekannter Filter &apos;due:{value}&apos;: due:today, due:week oder due:overdue verwenden</translation>
    </message>
    <message>
        <source>Cannot read {file}: {exc}</source>
        <translation>{file} kann nicht gelesen werden: {exc}</translation>
    </message>
    <message>
        <source>Cannot write {output}: {exc}</source>
        <translation>{output} kann nicht geschrieben werden: {exc}</translation>
    </message>
    <message>
        <source>Set the studio&apos;s {value} first (photoflow invoice studio)</source>
        <translation>Zuerst {value} des Studios festlegen (photoflow invoice studio)</translation>
    </message>
    <message>
        <source>{label} &apos;{text}&apos; is not an id (a whole number like 12)</source>
        <translation>{label} &apos;{text}&apos; ist keine ID (eine ganze Zahl wie 12)</translation>
    </message>
    <message>
        <source>{label} &apos;{text}&apos; is not a date (use YYYY-MM-DD)</source>
        <translation>{label} &apos;{text}&apos; ist kein Datum (JJJJ-MM-TT verwenden)</translation>
    </message>
    <message>
        <source>Item &apos;{text}&apos; must be written DESCRIPTION;QTY;UNIT_PRICE;VAT (e.g. &apos;Prints;10;2.50;19&apos;)</source>
        <translation>Position &apos;{text}&apos; muss als BESCHREIBUNG;MENGE;EINZELPREIS;UST geschrieben werden (z. B. &apos;Abzüge;10;2.50;19&apos;)</translation>
    </message>
    <message>
        <source>--format {format} is not available for {name}; use one of {value}</source>
        <translation>--format {format} gibt es für {name} nicht; eines davon verwenden: {value}</translation>
    </message>
    <message>
        <source>{file}: {message}</source>
        <translation>{file}: {message}</translation>
    </message>
    <message>
        <source>db salvage works on the embedded (SQLite) database only</source>
        <translation>db salvage arbeitet nur mit der eingebauten (SQLite-)Datenbank</translation>
    </message>
    <message>
        <source>Lost the connection to the database server at {host}:{port} ({problem})</source>
        <translation>Die Verbindung zum Datenbankserver {host}:{port} ist abgerissen ({problem})</translation>
    </message>
    <message>
        <source>Cannot watch {path}: {exc}</source>
        <translation>{path} kann nicht beobachtet werden: {exc}</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Kundenname</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Email &apos;{email}&apos; is not an email address</source>
        <translation>&apos;{email}&apos; ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>Steuernummer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Client #{client_id} does not exist</source>
        <translation>Kunde #{client_id} gibt es nicht</translation>
    </message>
    <message>
        <source>Client id &apos;{text}&apos; is not a number</source>
        <translation>Die Kunden-ID &apos;{text}&apos; ist keine Zahl</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Client #{client_id} has invoices and cannot be deleted (invoices must be kept)</source>
        <translation>Kunde #{client_id} hat Rechnungen und kann nicht gelöscht werden (Rechnungen müssen aufbewahrt werden)</translation>
    </message>
    <message>
        <source>Order #{task_id} does not exist</source>
        <translation>Auftrag #{task_id} gibt es nicht</translation>
    </message>
    <message>
        <source>The client CSV needs a header row with at least a &apos;name&apos; column</source>
        <translation>Die Kunden-CSV braucht eine Kopfzeile mit mindestens der Spalte &apos;name&apos;</translation>
    </message>
    <message numerus="yes">
        <source>Unknown column(s) {value}; use {value2}</source>
        <translation>
            <numerusform>Unbekannte Spalte(n) {value}; {value2} verwenden</numerusform>
            <numerusform>Unbekannte Spalte(n) {value}; {value2} verwenden</numerusform>
        </translation>
    </message>
    <message>
        <source>The file has more than {MAX_ROWS:,} clients</source>
        <translation>Die Datei enthält mehr als {MAX_ROWS:,} Kunden</translation>
    </message>
    <message>
        <source>Row {number}: more fields than the header names</source>
        <translation>Zeile {number}: mehr Felder, als die Kopfzeile nennt</translation>
    </message>
    <message>
        <source>Row {number}: {exc}</source>
        <translation>Zeile {number}: {exc}</translation>
    </message>
    <message>
        <source>Comment #{comment_id} no longer exists</source>
        <translation>Kommentar #{comment_id} gibt es nicht mehr</translation>
    </message>
    <message>
        <source>The CSV file cannot be read: {exc}</source>
        <translation>Die CSV-Datei lässt sich nicht lesen: {exc}</translation>
    </message>
    <message>
        <source>The file is empty: it needs a header line and at least one row</source>
        <translation>Die Datei ist leer: Sie braucht eine Kopfzeile und mindestens eine Zeile</translation>
    </message>
    <message>
        <source>--map needs FIELD=COLUMN pairs, not &apos;{part}&apos;</source>
        <translation>--map braucht Paare FELD=SPALTE, nicht &apos;{part}&apos;</translation>
    </message>
    <message>
        <source>--map: unknown field &apos;{value}&apos; (known: {value2})</source>
        <translation>--map: unbekanntes Feld &apos;{value}&apos; (bekannt: {value2})</translation>
    </message>
    <message>
        <source>Choose the column for: {value}</source>
        <translation>Wählen Sie die Spalte für: {value}</translation>
    </message>
    <message>
        <source>The file has no column &apos;{column}&apos; (it has: {value})</source>
        <translation>Die Datei hat keine Spalte &apos;{column}&apos; (sie hat: {value})</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not yes/no (use true or false)</source>
        <translation>„{text}“ ist weder ja noch nein (verwenden Sie true oder false)</translation>
    </message>
    <message>
        <source>dueAt {problem}</source>
        <translation>dueAt: {problem}</translation>
    </message>
    <message>
        <source>its comments are not a list of comments</source>
        <translation>seine Kommentare sind keine Liste von Kommentaren</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date</source>
        <translation>„{text}“ ist kein Datum</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a month name</source>
        <translation>„{text}“ ist kein Monatsname</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a real date</source>
        <translation>„{text}“ ist kein gültiges Datum</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; lies outside the years 1 to 9999 in UTC</source>
        <translation>„{text}“ liegt außerhalb der Jahre 1 bis 9999 (UTC)</translation>
    </message>
    <message>
        <source>Unknown database URL scheme &apos;{value}&apos;: use sqlite:///path/to/file.db or postgresql://user:password@host:5432/database</source>
        <translation>Unbekanntes Schema der Datenbank-URL &apos;{value}&apos;: sqlite:///pfad/zur/datei.db oder postgresql://benutzer:passwort@host:5432/datenbank verwenden</translation>
    </message>
    <message>
        <source>schema={schema} cannot be sent through a pooler (pgbouncer=true): set it for the user instead (ALTER ROLE {value} SET search_path = {schema}) and drop schema= from the URL</source>
        <translation>schema={schema} lässt sich nicht durch einen Pooler schicken (pgbouncer=true): stattdessen für den Benutzer setzen (ALTER ROLE {value} SET search_path = {schema}) und schema= aus der URL nehmen</translation>
    </message>
    <message>
        <source>connection_limit={limit} in the database URL must be a whole number of 1 or more</source>
        <translation>connection_limit={limit} in der Datenbank-URL muss eine ganze Zahl ab 1 sein</translation>
    </message>
    <message>
        <source>Cannot open {url}: {problem}</source>
        <translation>{url} lässt sich nicht öffnen: {problem}</translation>
    </message>
    <message>
        <source>The server at {where} refused user &apos;{user}&apos;: check the user name and password in {url}</source>
        <translation>Der Server {where} hat den Benutzer „{user}“ abgewiesen: Prüfen Sie Benutzername und Passwort in {url}</translation>
    </message>
    <message>
        <source>The server at {where} has no database &apos;{dbname}&apos;: create it (CREATE DATABASE {dbname};) or fix the name in {url}</source>
        <translation>Der Server {where} hat keine Datenbank „{dbname}“: Legen Sie sie an (CREATE DATABASE {dbname};) oder korrigieren Sie den Namen in {url}</translation>
    </message>
    <message>
        <source>The server at {where} has no user &apos;{user}&apos;: check {url}</source>
        <translation>Der Server {where} kennt keinen Benutzer „{user}“: Prüfen Sie {url}</translation>
    </message>
    <message>
        <source>The pooler at {where} refuses startup parameters: remove options= from the URL, and set a schema other than public for the user instead of with schema= (ALTER ROLE … SET search_path)</source>
        <translation>Der Pooler {where} weist Startparameter ab: Entfernen Sie options= aus der URL und stellen Sie ein anderes Schema als public beim Benutzer ein statt mit schema= (ALTER ROLE … SET search_path)</translation>
    </message>
    <message>
        <source>Cannot reach the PostgreSQL server at {where}: check that it is running and that the host name, port and firewall allow the connection</source>
        <translation>Der PostgreSQL-Server {where} ist nicht erreichbar: Prüfen Sie, ob er läuft und ob Hostname, Port und Firewall die Verbindung zulassen</translation>
    </message>
    <message>
        <source>The server at {where} presented a certificate that the CA in sslrootcert={rootcert} did not sign, so the connection was refused: point sslrootcert at the CA that signed the server&apos;s certificate</source>
        <translation>Der Server {where} hat ein Zertifikat vorgelegt, das die Zertifizierungsstelle in sslrootcert={rootcert} nicht signiert hat; die Verbindung wurde deshalb abgelehnt: Lassen Sie sslrootcert auf die Zertifizierungsstelle zeigen, die das Zertifikat des Servers signiert hat</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not issued for the host name &apos;{host}&apos; (sslmode=verify-full checks it): connect by the name in the certificate, or use sslmode=verify-ca</source>
        <translation>Das Zertifikat des Servers ist nicht für den Hostnamen „{host}“ ausgestellt (sslmode=verify-full prüft das): Verbinden Sie sich über den Namen im Zertifikat oder verwenden Sie sslmode=verify-ca</translation>
    </message>
    <message>
        <source>sslmode={sslmode} needs the CA file {rootcert}, which does not exist: set sslrootcert=/path/to/ca.pem in the URL</source>
        <translation>sslmode={sslmode} braucht die CA-Datei {rootcert}, die es nicht gibt: Setzen Sie sslrootcert=/pfad/zu/ca.pem in der URL</translation>
    </message>
    <message>
        <source>The server at {where} does not offer TLS but sslmode={sslmode} requires it: enable ssl on the server or lower sslmode</source>
        <translation>Der Server {where} bietet kein TLS an, sslmode={sslmode} verlangt es aber: Schalten Sie ssl auf dem Server ein oder senken Sie sslmode</translation>
    </message>
    <message>
        <source>The client {option} file {path} cannot be read</source>
        <translation>Die Client-Datei {option} {path} lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>The TLS handshake with {where} failed: {problem}</source>
        <translation>Der TLS-Verbindungsaufbau mit {where} ist fehlgeschlagen: {problem}</translation>
    </message>
    <message>
        <source>Invoice draft #{invoice_id} does not exist</source>
        <translation>Rechnungsentwurf #{invoice_id} gibt es nicht</translation>
    </message>
    <message>
        <source>There is no invoice numbered &apos;{text}&apos;</source>
        <translation>Es gibt keine Rechnung mit der Nummer &apos;{text}&apos;</translation>
    </message>
    <message>
        <source>Unknown status &apos;{status}&apos; (use one of: {value})</source>
        <translation>Unbekannter Zustand &apos;{status}&apos; (einen davon verwenden: {value})</translation>
    </message>
    <message>
        <source>Line {number}: {label}</source>
        <translation>Zeile {number}: {label}</translation>
    </message>
    <message>
        <source>Line {number}: Quantity must be more than 0</source>
        <translation>Zeile {number}: Die Menge muss größer als 0 sein</translation>
    </message>
    <message>
        <source>Line {number}: VAT {rate} % is not allowed: a Kleinunternehmer (§ 19 UStG) charges no VAT</source>
        <translation>Zeile {number}: {rate} % USt. sind nicht zulässig: Ein Kleinunternehmer (§ 19 UStG) berechnet keine Umsatzsteuer</translation>
    </message>
    <message>
        <source>The invoice total is too large</source>
        <translation>Die Rechnungssumme ist zu groß</translation>
    </message>
    <message>
        <source>draft #{id}</source>
        <translation>Entwurf #{id}</translation>
    </message>
    <message>
        <source>its client is not in the file</source>
        <translation>ihr Kunde steht nicht in der Datei</translation>
    </message>
    <message>
        <source>unknown tax profile &apos;{name}&apos;</source>
        <translation>unbekanntes Steuerprofil „{name}“</translation>
    </message>
    <message>
        <source>kind or state is not one PhotoFlow knows</source>
        <translation>Art oder Zustand kennt PhotoFlow nicht</translation>
    </message>
    <message>
        <source>the number is not of the form YYYY-NNNN</source>
        <translation>die Nummer hat nicht die Form JJJJ-NNNN</translation>
    </message>
    <message>
        <source>a draft has no number and an issued invoice has one</source>
        <translation>ein Entwurf hat keine Nummer und eine gestellte Rechnung hat eine</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>USt.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <source>Invoice {label}: {exc}</source>
        <translation>Rechnung {label}: {exc}</translation>
    </message>
    <message>
        <source>Client {value}: {exc}</source>
        <translation>Kunde {value}: {exc}</translation>
    </message>
    <message>
        <source>Invoice {value} cancels {cancels}, which is missing</source>
        <translation>Rechnung {value} storniert {cancels}, die fehlt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Invoice {number} already exists here with other contents; nothing was imported</source>
        <translation>Rechnung {number} gibt es hier schon mit anderem Inhalt; nichts wurde importiert</translation>
    </message>
    <message>
        <source>An invoice has at most {limit} lines</source>
        <translation>Eine Rechnung hat höchstens {limit} Positionen</translation>
    </message>
    <message>
        <source>Order #{task_id} has no client: choose one for the order (photoflow clients link) or give a client</source>
        <translation>Auftrag #{task_id} hat keinen Kunden: einen für den Auftrag wählen (photoflow clients link) oder einen Kunden angeben</translation>
    </message>
    <message>
        <source>An invoice needs a client or an order with a client</source>
        <translation>Eine Rechnung braucht einen Kunden oder einen Auftrag mit Kunde</translation>
    </message>
    <message>
        <source>Payment term must be 0 to {MAX_PAYMENT_DAYS} days (got {days})</source>
        <translation>Das Zahlungsziel muss 0 bis {MAX_PAYMENT_DAYS} Tage betragen (angegeben: {days})</translation>
    </message>
    <message>
        <source>Invoice {number} is issued and cannot be changed; cancel it and write a new one</source>
        <translation>Rechnung {number} ist ausgestellt und lässt sich nicht ändern; stornieren und eine neue schreiben</translation>
    </message>
    <message>
        <source>Invoice draft #{id} was issued meanwhile</source>
        <translation>Rechnungsentwurf #{id} wurde inzwischen ausgestellt</translation>
    </message>
    <message>
        <source>Client &apos;{name}&apos; has no address; an invoice over {limit} € must show it (add it to the client)</source>
        <translation>Kunde &apos;{name}&apos; hat keine Anschrift; eine Rechnung über {limit} € muss sie zeigen (beim Kunden ergänzen)</translation>
    </message>
    <message>
        <source>The studio&apos;s {value} must be set before issuing an invoice (photoflow invoice studio --help)</source>
        <translation>Vor dem Ausstellen einer Rechnung muss {value} des Studios gesetzt sein (photoflow invoice studio --help)</translation>
    </message>
    <message>
        <source>An invoice without lines cannot be issued</source>
        <translation>Eine Rechnung ohne Positionen lässt sich nicht ausstellen</translation>
    </message>
    <message>
        <source>An invoice must total more than 0.00 to be issued</source>
        <translation>Eine Rechnung muss mehr als 0,00 betragen, um ausgestellt zu werden</translation>
    </message>
    <message>
        <source>Issuing failed, nothing was changed: {exc}</source>
        <translation>Ausstellen fehlgeschlagen, nichts wurde verändert: {exc}</translation>
    </message>
    <message>
        <source>{number} is itself a cancellation invoice</source>
        <translation>{number} ist selbst eine Stornorechnung</translation>
    </message>
    <message>
        <source>Invoice {number} is already cancelled</source>
        <translation>Rechnung {number} ist schon storniert</translation>
    </message>
    <message>
        <source>{label} must be a number written with a decimal point</source>
        <translation>{label} muss eine Zahl mit Dezimalpunkt sein</translation>
    </message>
    <message>
        <source>{label} must be a number</source>
        <translation>{label} muss eine Zahl sein</translation>
    </message>
    <message>
        <source>{label} &apos;{text}&apos; is not a number{hint}</source>
        <translation>{label} &apos;{text}&apos; ist keine Zahl{hint}</translation>
    </message>
    <message>
        <source>{label} &apos;{text}&apos; has more than {places} decimal places</source>
        <translation>{label} &apos;{text}&apos; hat mehr als {places} Nachkommastellen</translation>
    </message>
    <message>
        <source>{label} must not be below {minimum} (got {text})</source>
        <translation>{label} darf nicht unter {minimum} liegen (angegeben: {text})</translation>
    </message>
    <message>
        <source>{label} must not be above {maximum} (got {text})</source>
        <translation>{label} darf nicht über {maximum} liegen (angegeben: {text})</translation>
    </message>
    <message>
        <source>Amount must be more than 0.00</source>
        <translation>Der Betrag muss größer als 0,00 sein</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <source>Payment date must be a date</source>
        <translation>Das Zahlungsdatum muss ein Datum sein</translation>
    </message>
    <message>
        <source>{number} is a cancellation invoice: nothing to pay</source>
        <translation>{number} ist eine Stornorechnung: nichts zu bezahlen</translation>
    </message>
    <message>
        <source>Invoice {value} is {state}: no payment can be recorded</source>
        <translation>Rechnung {value} ist {state}: keine Zahlung erfassbar</translation>
    </message>
    <message>
        <source>Payment of {value} is more than the open amount {value2} of invoice {number}</source>
        <translation>Die Zahlung von {value} übersteigt den offenen Betrag {value2} der Rechnung {number}</translation>
    </message>
    <message>
        <source>Payment #{payment_id} does not exist</source>
        <translation>Zahlung #{payment_id} gibt es nicht</translation>
    </message>
    <message>
        <source>The database URL cannot be read: {reason}; {ENCODING_HINT}</source>
        <translation>Die Datenbank-URL lässt sich nicht lesen: {reason}; {ENCODING_HINT}</translation>
    </message>
    <message>
        <source>a connection pooler</source>
        <translation>ein Verbindungs-Pooler</translation>
    </message>
    <message>
        <source>the server keeps startup parameters: no pooler in between</source>
        <translation>der Server behält Startparameter: kein Pooler dazwischen</translation>
    </message>
    <message>
        <source>the URL says pgbouncer=true</source>
        <translation>die URL sagt pgbouncer=true</translation>
    </message>
    <message>
        <source>it refused the startup parameter &apos;options&apos;, as PgBouncer does</source>
        <translation>er hat den Startparameter „options“ abgewiesen, wie PgBouncer es tut</translation>
    </message>
    <message>
        <source>the startup parameter &apos;options&apos; was dropped on the way</source>
        <translation>der Startparameter „options“ ging unterwegs verloren</translation>
    </message>
    <message>
        <source>{operation} needs its own session on the PostgreSQL server, which {pooler} at {where} cannot give: set DIRECT_URL (or PHOTOFLOW_DIRECT_URL) to the server&apos;s own address, e.g. postgresql://USER:PASSWORD@DB-HOST:5432/{dbname} (Prisma&apos;s directUrl)</source>
        <translation>{operation} braucht eine eigene Sitzung auf dem PostgreSQL-Server, die {pooler} unter {where} nicht bieten kann: Setzen Sie DIRECT_URL (oder PHOTOFLOW_DIRECT_URL) auf die eigene Adresse des Servers, z. B. postgresql://BENUTZER:PASSWORT@DB-HOST:5432/{dbname} (Prismas directUrl)</translation>
    </message>
    <message>
        <source>Price list entry #{price_id} does not exist</source>
        <translation>Preislisteneintrag #{price_id} gibt es nicht</translation>
    </message>
    <message>
        <source>Unknown filter &apos;{key}:&apos; — use status:, column:, due: or finished: (put text containing a colon in quotes, e.g. &quot;10:30&quot;)</source>
        <translation>Unbekannter Filter &apos;{key}:&apos; — status:, column:, due: oder finished: verwenden (Text mit Doppelpunkt in Anführungszeichen, z. B. &quot;10:30&quot;)</translation>
    </message>
    <message>
        <source>&apos;{key}:&apos; needs a value, e.g. {example}</source>
        <translation>&apos;{key}:&apos; braucht einen Wert, z. B. {example}</translation>
    </message>
    <message>
        <source>The database {path} is busy: another program (an import, a backup or another PhotoFlow) kept it locked for {value} seconds. Try again when it has finished.</source>
        <translation>Die Datenbank {path} ist belegt: Ein anderes Programm (ein Import, eine Sicherung oder ein anderes PhotoFlow) hielt sie {value} Sekunden gesperrt. Versuchen Sie es wieder, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>The disk holding {path} is full: nothing was changed. Free some space and try again.</source>
        <translation>Der Datenträger mit {path} ist voll: nichts wurde verändert. Geben Sie Platz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The database file {path} is damaged ({exc}). Copy every readable row into a new file with `photoflow db salvage -o NEW_FILE`, or restore a backup.</source>
        <translation>Die Datenbankdatei {path} ist beschädigt ({exc}). Kopieren Sie jede lesbare Zeile mit `photoflow db salvage -o NEUE_DATEI` in eine neue Datei oder stellen Sie eine Sicherung wieder her.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>die Datenbank</translation>
    </message>
    <message>
        <source>the database refused: {problem} (`photoflow db check` says why)</source>
        <translation>die Datenbank hat abgelehnt: {problem} (`photoflow db check` sagt, warum)</translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else since you opened it</source>
        <translation>„{title}“ wurde von jemand anderem geändert, seit Sie ihn geöffnet haben</translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else; look at it again before deleting</source>
        <translation>„{title}“ wurde von jemand anderem geändert; sehen Sie ihn vor dem Löschen noch einmal an</translation>
    </message>
    <message>
        <source>Task #{id} exists again already</source>
        <translation>Auftrag #{id} gibt es schon wieder</translation>
    </message>
    <message>
        <source>Tax profile &apos;{key}&apos; does not exist (known: {known})</source>
        <translation>Das Steuerprofil &apos;{key}&apos; gibt es nicht (bekannt: {known})</translation>
    </message>
    <message>
        <source>{label} must be text</source>
        <translation>{label} muss Text sein</translation>
    </message>
    <message>
        <source>{label} contains an invisible NUL character; remove it</source>
        <translation>{label} enthält ein unsichtbares NUL-Zeichen; bitte entfernen</translation>
    </message>
    <message>
        <source>{label} contains a broken character (a lone UTF-16 surrogate); remove it</source>
        <translation>{label} enthält ein kaputtes Zeichen (ein einzelnes UTF-16-Surrogat); bitte entfernen</translation>
    </message>
    <message>
        <source>{label} is required</source>
        <translation>{label} fehlt</translation>
    </message>
    <message>
        <source>{label} is too long ({length:,} characters; at most {limit:,})</source>
        <translation>{label} ist zu lang ({length:,} Zeichen; höchstens {limit:,})</translation>
    </message>
    <message>
        <source>Due date must be a real date and time</source>
        <translation>Der Termin muss ein echtes Datum mit Uhrzeit sein</translation>
    </message>
    <message>
        <source>Due date must be given in UTC without a time zone</source>
        <translation>Der Termin muss in UTC ohne Zeitzone angegeben werden</translation>
    </message>
    <message>
        <source>Due date {date} is not plausible (years {first}–{last})</source>
        <translation>Der Termin {date} ist nicht plausibel (Jahre {first}–{last})</translation>
    </message>
    <message>
        <source>{label} &apos;{value}&apos; is not a whole number</source>
        <translation>{label} &apos;{value}&apos; ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>{label} {value} is outside 1 to {limit:,}</source>
        <translation>{label} {value} liegt nicht zwischen 1 und {limit:,}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; does not exist on this board</source>
        <translation>Die Spalte &apos;{column}&apos; gibt es auf dieser Tafel nicht</translation>
    </message>
    <message>
        <source>Finished must be yes or no</source>
        <translation>Erledigt muss ja oder nein sein</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Column title</source>
        <translation>Spaltentitel</translation>
    </message>
    <message>
        <source>WIP limit must be a whole number (0 for none)</source>
        <translation>Das WIP-Limit muss eine ganze Zahl sein (0 für keines)</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist</source>
        <translation>Den Ordner {folder} gibt es nicht</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: {problem}</source>
        <translation>In {folder} kann nicht geschrieben werden: {problem}</translation>
    </message>
    <message>
        <source>Verification stopped</source>
        <translation>Prüfung abgebrochen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Back up at least every hour and keep at least one backup</source>
        <translation>Sichern Sie mindestens stündlich und behalten Sie mindestens eine Sicherung</translation>
    </message>
    <message>
        <source>SQL script (.sql)</source>
        <translation>SQL-Skript (.sql)</translation>
    </message>
    <message>
        <source>Compressed SQL script (.sql.gz)</source>
        <translation>Komprimiertes SQL-Skript (.sql.gz)</translation>
    </message>
    <message>
        <source>pg_dump custom archive (.dump)</source>
        <translation>pg_dump-Archiv (.dump)</translation>
    </message>
    <message>
        <source>SQLite database file (.sqlite)</source>
        <translation>SQLite-Datenbankdatei (.sqlite)</translation>
    </message>
    <message>
        <source>Compressed SQLite database file (.sqlite.gz)</source>
        <translation>Komprimierte SQLite-Datenbankdatei (.sqlite.gz)</translation>
    </message>
    <message>
        <source>A {backend} database cannot be backed up as {format}</source>
        <translation>Eine {backend}-Datenbank lässt sich nicht als {format} sichern</translation>
    </message>
    <message>
        <source>The backup failed its check and was deleted: {problem}</source>
        <translation>Die Sicherung hat die Prüfung nicht bestanden und wurde gelöscht: {problem}</translation>
    </message>
    <message>
        <source>Restore refused, the database was not changed: {problem}</source>
        <translation>Wiederherstellung abgelehnt, die Datenbank wurde nicht verändert: {problem}</translation>
    </message>
    <message>
        <source>Stopped after {done} of {total} migrations</source>
        <translation>Nach {done} von {total} Migrationen abgebrochen</translation>
    </message>
    <message>
        <source>Rolling back {name} failed; nothing was changed: {problem}</source>
        <translation>Zurücknehmen von {name} fehlgeschlagen; nichts wurde verändert: {problem}</translation>
    </message>
    <message>
        <source>Migration {name} failed and was rolled back: {problem}</source>
        <translation>Migration {name} fehlgeschlagen und zurückgenommen: {problem}</translation>
    </message>
    <message>
        <source>The dump is complete</source>
        <translation>Der Dump ist vollständig</translation>
    </message>
    <message>
        <source>Restore failed and was rolled back; the database is unchanged. A safety backup is at {path}. {hint}</source>
        <translation>Wiederherstellung fehlgeschlagen und zurückgenommen; die Datenbank ist unverändert. Eine Sicherheitskopie liegt unter {path}. {hint}</translation>
    </message>
    <message>
        <source>{operation} stopped</source>
        <translation>{operation} abgebrochen</translation>
    </message>
    <message>
        <source>{operation} failed: {problem}</source>
        <translation>{operation} fehlgeschlagen: {problem}</translation>
    </message>
    <message>
        <source>pg_dump failed: {problem}</source>
        <translation>pg_dump fehlgeschlagen: {problem}</translation>
    </message>
    <message>
        <source>This is a SQLite backup; it cannot be restored into PostgreSQL</source>
        <translation>Das ist eine SQLite-Sicherung; sie lässt sich nicht in PostgreSQL wiederherstellen</translation>
    </message>
    <message>
        <source>This file is not a pg_dump SQL backup</source>
        <translation>Diese Datei ist keine SQL-Sicherung von pg_dump</translation>
    </message>
    <message>
        <source>The dump is incomplete: pg_dump&apos;s completion line is missing (the file was cut off)</source>
        <translation>Der Dump ist unvollständig: Die Abschlusszeile von pg_dump fehlt (die Datei wurde abgeschnitten)</translation>
    </message>
    <message>
        <source>The compressed backup is truncated or damaged</source>
        <translation>Die komprimierte Sicherung ist abgeschnitten oder beschädigt</translation>
    </message>
    <message>
        <source>Writing the backup to {folder} failed: {problem}</source>
        <translation>Schreiben der Sicherung nach {folder} fehlgeschlagen: {problem}</translation>
    </message>
    <message>
        <source>The database file {path} does not exist</source>
        <translation>Die Datenbankdatei {path} gibt es nicht</translation>
    </message>
    <message>
        <source>The backup is complete and passes the integrity check</source>
        <translation>Die Sicherung ist vollständig und besteht die Integritätsprüfung</translation>
    </message>
    <message>
        <source>The backup of {path} failed: {problem}</source>
        <translation>Die Sicherung von {path} ist fehlgeschlagen: {problem}</translation>
    </message>
    <message>
        <source>This is a PostgreSQL backup; it cannot be restored into SQLite</source>
        <translation>Das ist eine PostgreSQL-Sicherung; sie lässt sich nicht in SQLite wiederherstellen</translation>
    </message>
    <message>
        <source>The backup is damaged (integrity check failed)</source>
        <translation>Die Sicherung ist beschädigt (Integritätsprüfung fehlgeschlagen)</translation>
    </message>
    <message>
        <source>integrity check failed</source>
        <translation>Integritätsprüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The database file {path} is damaged ({problem}); it was left untouched. Copy every readable row into a new file with `photoflow db salvage -o NEW_FILE`, or restore a backup.</source>
        <translation>Die Datenbankdatei {path} ist beschädigt ({problem}); sie wurde nicht angetastet. Kopieren Sie jede lesbare Zeile mit `photoflow db salvage -o NEUE_DATEI` in eine neue Datei oder stellen Sie eine Sicherung wieder her.</translation>
    </message>
    <message>
        <source>There is no database file at {source}</source>
        <translation>Unter {source} gibt es keine Datenbankdatei</translation>
    </message>
    <message>
        <source>{target} already exists: choose a new file name</source>
        <translation>{target} gibt es schon: wählen Sie einen neuen Dateinamen</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist</source>
        <translation>Den Ordner {parent} gibt es nicht</translation>
    </message>
    <message>
        <source>row by row</source>
        <translation>Zeile für Zeile</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>view</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <source>sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>The web app&apos;s schema changed: {columns} is missing, so PhotoFlow cannot show the board; the web app keeps working. Restore the column in the web app&apos;s schema.prisma (or a backup) to see the orders here again</source>
        <translation>Das Schema der Web-App hat sich geändert: {columns} fehlt, daher kann PhotoFlow das Board nicht zeigen; die Web-App arbeitet weiter. Stellen Sie die Spalte in der schema.prisma der Web-App (oder aus einer Sicherung) wieder her, um die Aufträge hier wieder zu sehen</translation>
    </message>
    <message>
        <source>The web app&apos;s schema changed: {columns} are missing, so PhotoFlow cannot show the board; the web app keeps working. Restore the columns in the web app&apos;s schema.prisma (or a backup) to see the orders here again</source>
        <translation>Das Schema der Web-App hat sich geändert: {columns} fehlen, daher kann PhotoFlow das Board nicht zeigen; die Web-App arbeitet weiter. Stellen Sie die Spalten in der schema.prisma der Web-App (oder aus einer Sicherung) wieder her, um die Aufträge hier wieder zu sehen</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>table &quot;{name}&quot;: the web app&apos;s own former table, no longer in its schema.prisma; Prisma would want to drop it (PhotoFlow leaves it alone)</source>
        <translation>Tabelle „{name}“: eine frühere Tabelle der Web-App selbst, nicht mehr in ihrer schema.prisma; Prisma würde sie löschen wollen (PhotoFlow lässt sie in Ruhe)</translation>
    </message>
    <message>
        <source>column &quot;{table}&quot;.&quot;{column}&quot;: not in the web app&apos;s schema as PhotoFlow knows it; unless schema.prisma now declares it, Prisma would want to drop it</source>
        <translation>Spalte „{table}“.„{column}“: nicht im Schema der Web-App, wie PhotoFlow es kennt; sofern schema.prisma sie nicht inzwischen deklariert, würde Prisma sie löschen wollen</translation>
    </message>
    <message>
        <source>{kind} &quot;{name}&quot;: PhotoFlow&apos;s, left in the web app&apos;s schema by an older version; `photoflow db migrate` moves it out of Prisma&apos;s sight</source>
        <translation>{kind} „{name}“: gehört PhotoFlow, von einer älteren Version im Schema der Web-App zurückgelassen; `photoflow db migrate` bringt sie aus Prismas Sicht</translation>
    </message>
    <message>
        <source>{kind} &quot;{name}&quot;: not in the web app&apos;s schema; Prisma would want to drop it (move it to another schema or add it to schema.prisma before `prisma migrate dev`)</source>
        <translation>{kind} „{name}“: nicht im Schema der Web-App; Prisma würde es löschen wollen (verschieben Sie es vor `prisma migrate dev` in ein anderes Schema oder tragen Sie es in schema.prisma ein)</translation>
    </message>
    <message>
        <source>Payment term must be 0 to 365 days</source>
        <translation>Das Zahlungsziel muss 0 bis 365 Tage betragen</translation>
    </message>
    <message>
        <source>The web app link address &apos;{text}&apos; is not a web address like http://studio-pc:3000; correct PHOTOFLOW_SOCKETIO_URL or the saved setting</source>
        <translation>Die Adresse der Web-App-Verbindung &apos;{text}&apos; ist keine Webadresse wie http://studio-pc:3000; PHOTOFLOW_SOCKETIO_URL oder die gespeicherte Einstellung korrigieren</translation>
    </message>
    <message>
        <source>Only an issued invoice can be printed; issue the draft first</source>
        <translation>Nur eine ausgestellte Rechnung lässt sich drucken; stellen Sie den Entwurf zuerst aus</translation>
    </message>
    <message>
        <source>Cannot write {file}: check the folder exists and is writable</source>
        <translation>{file} kann nicht geschrieben werden: prüfen, ob der Ordner existiert und beschreibbar ist</translation>
    </message>
    <message>
        <source>Printing is not available in this build; use Save PDF… and print the file</source>
        <translation>Drucken ist in diesem Build nicht verfügbar; PDF speichern… verwenden und die Datei drucken</translation>
    </message>
    <message>
        <source>Due date must look like 2026-03-15 14:00 (local time)</source>
        <translation>Der Termin muss wie 2026-03-15 14:00 aussehen (Ortszeit)</translation>
    </message>
    <message>
        <source>Restore stopped before anything was changed</source>
        <translation>Wiederherstellung abgebrochen, bevor etwas verändert wurde</translation>
    </message>
    <message>
        <source>The JSON file is nested too deeply to be a PhotoFlow export</source>
        <translation>Die JSON-Datei ist zu tief verschachtelt für einen PhotoFlow-Export</translation>
    </message>
    <message>
        <source>Cannot read {path}: {problem}</source>
        <translation>{path} lässt sich nicht lesen: {problem}</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>Die Datei ist leer</translation>
    </message>
    <message>
        <source>{operation} is not available for {backend}</source>
        <translation>{operation} gibt es für {backend} nicht</translation>
    </message>
    <message>
        <source>{table}: backup {backup}, live {live}</source>
        <translation>{table}: Sicherung {backup}, aktuell {live}</translation>
    </message>
    <message>
        <source>The backup restores cleanly; its row counts differ from the live database</source>
        <translation>Die Sicherung lässt sich fehlerfrei wiederherstellen; ihre Zeilenzahlen weichen von der aktuellen Datenbank ab</translation>
    </message>
    <message>
        <source>The backup restores cleanly and has the same row counts as the live database</source>
        <translation>Die Sicherung lässt sich fehlerfrei wiederherstellen und hat dieselben Zeilenzahlen wie die aktuelle Datenbank</translation>
    </message>
    <message>
        <source>Not encrypted, sslmode={mode}</source>
        <translation>Nicht verschlüsselt, sslmode={mode}</translation>
    </message>
    <message>
        <source>Not encrypted, sslmode={mode} (add sslmode=verify-full&amp;sslrootcert=FILE to require it)</source>
        <translation>Nicht verschlüsselt, sslmode={mode} (hängen Sie sslmode=verify-full&amp;sslrootcert=DATEI an, um Verschlüsselung zu verlangen)</translation>
    </message>
    <message>
        <source>the certificate and the host name were checked</source>
        <translation>Zertifikat und Hostname wurden geprüft</translation>
    </message>
    <message>
        <source>the certificate was checked, not the host name</source>
        <translation>das Zertifikat wurde geprüft, der Hostname nicht</translation>
    </message>
    <message>
        <source>the certificate was NOT checked (use sslmode=verify-full)</source>
        <translation>das Zertifikat wurde NICHT geprüft (verwenden Sie sslmode=verify-full)</translation>
    </message>
    <message>
        <source>None: the URL reaches PostgreSQL itself</source>
        <translation>Keiner: Die URL erreicht PostgreSQL selbst</translation>
    </message>
    <message>
        <source>{mode}; PgBouncer&apos;s admin console does not let user &apos;{user}&apos; in (add it to stats_users to see the configured mode)</source>
        <translation>{mode}; die Admin-Konsole von PgBouncer lässt den Benutzer „{user}“ nicht herein (tragen Sie ihn in stats_users ein, um den eingestellten Modus zu sehen)</translation>
    </message>
    <message>
        <source>{label} ({evidence}); pool mode: {mode}</source>
        <translation>{label} ({evidence}); Pool-Modus: {mode}</translation>
    </message>
    <message>
        <source>None configured, so these will not work: {uses}. Set DIRECT_URL (or PHOTOFLOW_DIRECT_URL) to the server&apos;s own address</source>
        <translation>Keine eingerichtet, daher funktioniert Folgendes nicht: {uses}. Setzen Sie DIRECT_URL (oder PHOTOFLOW_DIRECT_URL) auf die eigene Adresse des Servers</translation>
    </message>
    <message>
        <source>the live board&apos;s LISTEN (it falls back to polling about once a second); backup, restore and test restore (pg_dump, psql, pg_restore); migrate and rollback when the database holds data (they write a backup first)</source>
        <translation>LISTEN des Live-Boards (es fragt dann etwa einmal pro Sekunde nach); Sichern, Wiederherstellen und Probe-Wiederherstellen (pg_dump, psql, pg_restore); Migrieren und Zurückrollen, wenn die Datenbank Daten enthält (sie schreiben zuerst eine Sicherung)</translation>
    </message>
    <message>
        <source>{url}: {problem}</source>
        <translation>{url}: {problem}</translation>
    </message>
    <message>
        <source>{url} also goes through {pooler}: point it at the server</source>
        <translation>{url} führt ebenfalls über {pooler}: Lassen Sie sie auf den Server selbst zeigen</translation>
    </message>
    <message>
        <source>{url} reaches PostgreSQL itself</source>
        <translation>{url} erreicht PostgreSQL selbst</translation>
    </message>
    <message>
        <source>unknown ({problem})</source>
        <translation>unbekannt ({problem})</translation>
    </message>
    <message>
        <source>session (LISTEN works through it)</source>
        <translation>Sitzung (LISTEN funktioniert durch ihn hindurch)</translation>
    </message>
    <message>
        <source>transaction or statement (LISTEN on a pooled connection hears nothing)</source>
        <translation>Transaktion oder Anweisung (LISTEN auf einer Pool-Verbindung hört nichts)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>PhotoFlow&apos;s tables are still in the web app&apos;s schema: run `photoflow db migrate` first (it moves them, after a backup), then `photoflow db detach`</source>
        <translation>Die Tabellen von PhotoFlow liegen noch im Schema der Web-App: zuerst `photoflow db migrate` ausführen (verschiebt sie nach einer Sicherung), dann `photoflow db detach`</translation>
    </message>
    <message>
        <source>skipped: an earlier check failed</source>
        <translation>übersprungen: Eine frühere Prüfung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>{path} does not exist: `photoflow db migrate` creates it</source>
        <translation>{path} gibt es nicht: `photoflow db migrate` legt die Datei an</translation>
    </message>
    <message>
        <source>{path} exists ({size:,} bytes)</source>
        <translation>{path} ist vorhanden ({size:,} Bytes)</translation>
    </message>
    <message>
        <source>Cannot read the file: {problem}</source>
        <translation>Die Datei lässt sich nicht lesen: {problem}</translation>
    </message>
    <message>
        <source>The file is damaged: restore a backup</source>
        <translation>Die Datei ist beschädigt: Stellen Sie eine Sicherung wieder her</translation>
    </message>
    <message>
        <source>quick_check: ok</source>
        <translation>quick_check: in Ordnung</translation>
    </message>
    <message>
        <source>The server at {where} answers</source>
        <translation>Der Server {where} antwortet</translation>
    </message>
    <message>
        <source>User &apos;{user}&apos; accepted</source>
        <translation>Benutzer „{user}“ angenommen</translation>
    </message>
    <message>
        <source>The server at {where} answers ({version})</source>
        <translation>Der Server {where} antwortet ({version})</translation>
    </message>
    <message>
        <source>Database &apos;{name}&apos; exists</source>
        <translation>Datenbank „{name}“ ist vorhanden</translation>
    </message>
    <message>
        <source>pg_dump {version} at {path}</source>
        <translation>pg_dump {version} unter {path}</translation>
    </message>
    <message>
        <source>Cannot read the migration history: {problem}</source>
        <translation>Der Migrationsverlauf lässt sich nicht lesen: {problem}</translation>
    </message>
    <message>
        <source>A PhotoFlow web-app database not adopted yet: run `photoflow db migrate`</source>
        <translation>Eine Datenbank der PhotoFlow-Web-App, noch nicht übernommen: Führen Sie `photoflow db migrate` aus</translation>
    </message>
    <message>
        <source>{count} pending ({names}): run `photoflow db migrate`</source>
        <translation>{count} ausstehend ({names}): Führen Sie `photoflow db migrate` aus</translation>
    </message>
    <message>
        <source>Up to date ({count} applied)</source>
        <translation>Auf dem neuesten Stand ({count} angewendet)</translation>
    </message>
    <message>
        <source>Every column PhotoFlow reads is there</source>
        <translation>Jede Spalte, die PhotoFlow liest, ist vorhanden</translation>
    </message>
    <message>
        <source>Detached from the web app&apos;s tables: its changes do not reach open boards live; `photoflow db migrate` attaches again</source>
        <translation>Von den Tabellen der Web-App abgekoppelt: Ihre Änderungen erreichen offene Boards nicht sofort; `photoflow db migrate` koppelt wieder an</translation>
    </message>
    <message>
        <source>Reading the dump</source>
        <translation>Dump wird gelesen</translation>
    </message>
    <message>
        <source>There is no applied migration to roll back</source>
        <translation>Es gibt keine angewendete Migration zum Zurücknehmen</translation>
    </message>
    <message>
        <source>Rolling back the initial migration would delete every order; use &apos;photoflow db reset --yes&apos; if that is really what you want</source>
        <translation>Die erste Migration zurückzunehmen löscht alle Aufträge; verwenden Sie &apos;photoflow db reset --yes&apos;, wenn Sie das wirklich wollen</translation>
    </message>
    <message>
        <source>install the PostgreSQL {major} client tools (Debian/Ubuntu: apt install postgresql-client-{major}; Fedora: dnf install postgresql{major}; macOS: brew install postgresql@{major}; Windows: the EDB installer) or choose their folder as &quot;{setting}&quot; in the settings</source>
        <translation>Installieren Sie die Client-Werkzeuge von PostgreSQL {major} (Debian/Ubuntu: apt install postgresql-client-{major}; Fedora: dnf install postgresql{major}; macOS: brew install postgresql@{major}; Windows: der EDB-Installer) oder wählen Sie ihren Ordner in den Einstellungen als „{setting}“</translation>
    </message>
    <message>
        <source>{name} was not found, so PostgreSQL backups and restores are impossible: {hint}</source>
        <translation>{name} wurde nicht gefunden, daher sind Sicherungen und Wiederherstellungen von PostgreSQL unmöglich: {hint}</translation>
    </message>
    <message>
        <source>{name} {version} ({path}) is older than the PostgreSQL {major} server and cannot work with it: {hint}</source>
        <translation>{name} {version} ({path}) ist älter als der Server mit PostgreSQL {major} und kann nicht mit ihm arbeiten: {hint}</translation>
    </message>
    <message>
        <source>This SQL file runs its own transactions (BEGIN/COMMIT or \connect), so it cannot be restored all-or-nothing; make the backup with pg_dump or `photoflow db backup`</source>
        <translation>Diese SQL-Datei führt eigene Transaktionen aus (BEGIN/COMMIT oder \connect) und lässt sich daher nicht ganz oder gar nicht wiederherstellen; erstellen Sie die Sicherung mit pg_dump oder `photoflow db backup`</translation>
    </message>
    <message>
        <source>The archive&apos;s table of contents is unreadable: {problem}</source>
        <translation>Das Inhaltsverzeichnis des Archivs ist unlesbar: {problem}</translation>
    </message>
    <message>
        <source>The archive&apos;s schema is unreadable: {problem}</source>
        <translation>Das Schema des Archivs ist unlesbar: {problem}</translation>
    </message>
    <message>
        <source>The archive is truncated or damaged: {problem}</source>
        <translation>Das Archiv ist abgeschnitten oder beschädigt: {problem}</translation>
    </message>
    <message>
        <source>The archive is complete ({count:,} entries)</source>
        <translation>Das Archiv ist vollständig ({count:,} Einträge)</translation>
    </message>
    <message>
        <source>A backup</source>
        <translation>Eine Sicherung</translation>
    </message>
    <message>
        <source>Writing the backup</source>
        <translation>Sicherung wird geschrieben</translation>
    </message>
    <message>
        <source>Verifying the backup</source>
        <translation>Sicherung wird geprüft</translation>
    </message>
    <message>
        <source>Backup written and verified</source>
        <translation>Sicherung geschrieben und geprüft</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Wird wiederhergestellt</translation>
    </message>
    <message>
        <source>A restore</source>
        <translation>Eine Wiederherstellung</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <source>Restore failed before it began; the database is unchanged. Reading the archive failed: {value}</source>
        <translation>Wiederherstellung schon vor dem Beginn fehlgeschlagen; die Datenbank ist unverändert. Lesen des Archivs fehlgeschlagen: {value}</translation>
    </message>
    <message>
        <source>Another program kept a table locked; close other PhotoFlow windows and the web app, then try again. ({problem})</source>
        <translation>Ein anderes Programm hielt eine Tabelle gesperrt; schließen Sie andere PhotoFlow-Fenster und die Web-App und versuchen Sie es dann erneut. ({problem})</translation>
    </message>
    <message>
        <source>The tool said: {problem}</source>
        <translation>Das Werkzeug meldete: {problem}</translation>
    </message>
    <message>
        <source>A test restore</source>
        <translation>Eine Probe-Wiederherstellung</translation>
    </message>
    <message>
        <source>Cannot create a scratch database for the test restore ({problem}); the user needs the CREATEDB privilege</source>
        <translation>Für die Probe-Wiederherstellung lässt sich keine Wegwerf-Datenbank anlegen ({problem}); der Benutzer braucht das Recht CREATEDB</translation>
    </message>
    <message>
        <source>The test restore failed: {problem}</source>
        <translation>Die Probe-Wiederherstellung ist fehlgeschlagen: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>{operation}: {count} message(s)</source>
        <translation>
            <numerusform>{operation}: {count} Meldung</numerusform>
            <numerusform>{operation}: {count} Meldungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message numerus="yes">
        <source>{count} order(s)</source>
        <translation>
            <numerusform>{count} Auftrag</numerusform>
            <numerusform>{count} Aufträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} comment(s)</source>
        <translation>
            <numerusform>{count} Kommentar</numerusform>
            <numerusform>{count} Kommentare</numerusform>
        </translation>
    </message>
    <message>
        <source>{damage} No backup that verifies was found in the backup folder.</source>
        <translation>{damage} Im Sicherungsordner wurde keine Sicherung gefunden, die die Prüfung besteht.</translation>
    </message>
    <message>
        <source>{damage} The newest backup that verifies is {path} ({time} UTC; {counts}): restore it with `photoflow db restore {path} --yes` (a copy of the damaged file is kept first).</source>
        <translation>{damage} Die neueste Sicherung, die die Prüfung besteht, ist {path} ({time} UTC; {counts}): Stellen Sie sie mit `photoflow db restore {path} --yes` wieder her (eine Kopie der beschädigten Datei wird vorher aufbewahrt).</translation>
    </message>
    <message>
        <source>Writing the export to {target} failed: {value}. No file was written</source>
        <translation>Schreiben des Exports nach {target} fehlgeschlagen: {value}. Keine Datei wurde geschrieben</translation>
    </message>
    <message>
        <source>This backup is not a PhotoFlow database: it has no {table} table</source>
        <translation>Diese Sicherung ist keine PhotoFlow-Datenbank: Ihr fehlt die Tabelle {table}</translation>
    </message>
    <message numerus="yes">
        <source>This backup is not a PhotoFlow database: its {table} table lacks the column(s) {columns}</source>
        <translation>
            <numerusform>Diese Sicherung ist keine PhotoFlow-Datenbank: Ihrer Tabelle {table} fehlen die Spalten {columns}</numerusform>
            <numerusform>Diese Sicherung ist keine PhotoFlow-Datenbank: Ihrer Tabelle {table} fehlen die Spalten {columns}</numerusform>
        </translation>
    </message>
    <message>
        <source>{value} stopped; nothing was kept</source>
        <translation>{value} abgebrochen; nichts wurde behalten</translation>
    </message>
    <message>
        <source>Copying the database</source>
        <translation>Datenbank wird kopiert</translation>
    </message>
    <message>
        <source>The backup cannot be read as a database: {problem}</source>
        <translation>Die Sicherung lässt sich nicht als Datenbank lesen: {problem}</translation>
    </message>
    <message>
        <source>Test restore</source>
        <translation>Probe-Wiederherstellung</translation>
    </message>
    <message>
        <source>Another program kept the database locked for writing (another PhotoFlow window or tool?); nothing was restored and {unchanged}</source>
        <translation>Ein anderes Programm hielt die Datenbank zum Schreiben gesperrt (ein anderes PhotoFlow-Fenster oder Werkzeug?); nichts wurde wiederhergestellt und {unchanged}</translation>
    </message>
    <message>
        <source>Restore stopped; {unchanged}</source>
        <translation>Wiederherstellung abgebrochen; {unchanged}</translation>
    </message>
    <message>
        <source>Restore failed and was rolled back; {unchanged} ({exc})</source>
        <translation>Wiederherstellung fehlgeschlagen und zurückgenommen; {unchanged} ({exc})</translation>
    </message>
    <message>
        <source>The journal mode is {mode}; PhotoFlow opens the file in WAL mode</source>
        <translation>Der Journalmodus ist {mode}; PhotoFlow öffnet die Datei im WAL-Modus</translation>
    </message>
    <message>
        <source>Backup stopped; nothing was kept</source>
        <translation>Sicherung abgebrochen; nichts wurde behalten</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Title (required):</source>
        <translation>Titel (Pflicht):</translation>
    </message>
    <message>
        <source>Due date (required):</source>
        <translation>Termin (Pflicht):</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Bearbeitungsstand:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Finished (ja/nein):</source>
        <translation>Erledigt (ja/nein):</translation>
    </message>
    <message>
        <source>Column key:</source>
        <translation>Spaltenschlüssel:</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>Aufträge importieren</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read the file: {0}</source>
        <translation>Die Datei lässt sich nicht lesen: {0}</translation>
    </message>
    <message>
        <source>{0}: {1}, fields separated by “{2}”, {3} row(s)</source>
        <translation>{0}: {1}, Felder getrennt durch „{2}“, {3} Zeile(n)</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(nicht in der Datei)</translation>
    </message>
    <message>
        <source>Choose the columns with the title and the due date.</source>
        <translation>Wählen Sie die Spalten mit Titel und Termin.</translation>
    </message>
    <message>
        <source>The import failed, nothing was added: {0}</source>
        <translation>Der Import ist fehlgeschlagen, nichts wurde hinzugefügt: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n order(s).</source>
        <translation>
            <numerusform>%n Auftrag importiert.</numerusform>
            <numerusform>%n Aufträge importiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <source>New invoice</source>
        <translation>Neue Rechnung</translation>
    </message>
    <message>
        <source>Edit draft</source>
        <translation>Entwurf bearbeiten</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>USt. %</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Position hinzufügen</translation>
    </message>
    <message>
        <source>From price list</source>
        <translation>Aus der Preisliste</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Position entfernen</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Entwurf speichern</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <source>Date of service</source>
        <translation>Leistungsdatum</translation>
    </message>
    <message>
        <source>Notes on the invoice</source>
        <translation>Hinweise auf der Rechnung</translation>
    </message>
    <message>
        <source>Net %1 · VAT %2 · Total %3</source>
        <translation>Netto %1 · USt. %2 · Gesamt %3</translation>
    </message>
    <message>
        <source>Choose a client (add one in the clients window)</source>
        <translation>Kunden wählen (neue im Kundenfenster anlegen)</translation>
    </message>
</context>
<context>
    <name>InvoiceStatus</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Partly paid</source>
        <translation>Teilweise bezahlt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Stornorechnung</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Draft #%1</source>
        <translation>Entwurf #%1</translation>
    </message>
</context>
<context>
    <name>InvoicesWindow</name>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alle Jahre</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>PDF in German</source>
        <translation>PDF auf Deutsch</translation>
    </message>
    <message>
        <source>PDF in English</source>
        <translation>PDF auf Englisch</translation>
    </message>
    <message>
        <source>New invoice…</source>
        <translation>Neue Rechnung…</translation>
    </message>
    <message>
        <source>Edit draft…</source>
        <translation>Entwurf bearbeiten…</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>Ausstellen…</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>Zahlung erfassen…</translation>
    </message>
    <message>
        <source>Cancel invoice…</source>
        <translation>Rechnung stornieren…</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Entwurf löschen</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>PDF speichern…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Price list…</source>
        <translation>Preisliste…</translation>
    </message>
    <message>
        <source>Studio details…</source>
        <translation>Studiodaten…</translation>
    </message>
    <message>
        <source>Open: %1 · Overdue: %2</source>
        <translation>Offen: %1 · Überfällig: %2</translation>
    </message>
    <message>
        <source>Issue this invoice to %1 over %2?

It gets the next invoice number and can never be changed again; a mistake needs a cancellation invoice.</source>
        <translation>Diese Rechnung an %1 über %2 ausstellen?

Sie erhält die nächste Rechnungsnummer und lässt sich danach nie mehr ändern; ein Fehler braucht eine Stornorechnung.</translation>
    </message>
    <message>
        <source>Issue invoice</source>
        <translation>Rechnung ausstellen</translation>
    </message>
    <message>
        <source>Cancel invoice %1?

A cancellation invoice with the next number is issued that credits every amount of %1. This cannot be undone.</source>
        <translation>Rechnung %1 stornieren?

Eine Stornorechnung mit der nächsten Nummer wird ausgestellt, die jeden Betrag von %1 gutschreibt. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Cancel invoice</source>
        <translation>Rechnung stornieren</translation>
    </message>
    <message>
        <source>Save invoice as PDF</source>
        <translation>Rechnung als PDF speichern</translation>
    </message>
</context>
<context>
    <name>InvoicingLink</name>
    <message>
        <source>&amp;Clients…</source>
        <translation>&amp;Kunden…</translation>
    </message>
    <message>
        <source>&amp;Invoices…</source>
        <translation>&amp;Rechnungen…</translation>
    </message>
    <message>
        <source>Create &amp;invoice…</source>
        <translation>Rechnung &amp;erstellen…</translation>
    </message>
    <message>
        <source>&amp;Invoices</source>
        <translation>&amp;Rechnungen</translation>
    </message>
    <message>
        <source>Client of the order</source>
        <translation>Kunde des Auftrags</translation>
    </message>
    <message>
        <source>The order was saved, but its client was not set ({reason}). Choose the client again in the order&apos;s form.</source>
        <translation>Der Auftrag wurde gespeichert, der Kunde aber nicht zugeordnet ({reason}). Wählen Sie den Kunden im Auftragsformular erneut.</translation>
    </message>
</context>
<context>
    <name>JobSheet</name>
    <message>
        <source>finished</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>No comments.</source>
        <translation>Keine Kommentare.</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Keine Beschreibung.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Day list</source>
        <translation>Tagesliste</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Heute fällig</translation>
    </message>
    <message>
        <source>Nothing is due today or overdue.</source>
        <translation>Heute ist nichts fällig oder überfällig.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language changes when PhotoFlow starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von PhotoFlow.</translation>
    </message>
    <message>
        <source>As the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
</context>
<context>
    <name>LiveBoard</name>
    <message>
        <source>live updates by polling (no direct URL)</source>
        <translation>Live-Aktualisierung durch Abfragen (keine direkte URL)</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>Back up automatically when PhotoFlow starts</source>
        <translation>Beim Start von PhotoFlow automatisch sichern</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> Sicherungen</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Back up now if due</source>
        <translation>Jetzt sichern, falls fällig</translation>
    </message>
    <message>
        <source>…when the newest backup is older than:</source>
        <translation>…wenn die neueste Sicherung älter ist als:</translation>
    </message>
    <message>
        <source>Keep the newest:</source>
        <translation>Die neuesten behalten:</translation>
    </message>
    <message>
        <source>Newest backup:</source>
        <translation>Neueste Sicherung:</translation>
    </message>
    <message>
        <source>Automatic backups go to the backup folder (Backup &amp; restore tab) and are named backup_YYYYMMDD_HHMMSS; only those are pruned. Safety copies taken before a restore, a migration or a reset are never deleted automatically.</source>
        <translation>Automatische Sicherungen landen im Sicherungsordner (Registerkarte Sichern &amp; Wiederherstellen) und heißen backup_YYYYMMDD_HHMMSS; nur diese werden ausgedünnt. Sicherheitskopien vor einer Wiederherstellung, Migration oder einem Zurücksetzen werden nie automatisch gelöscht.</translation>
    </message>
    <message>
        <source>Saved. The check runs each time PhotoFlow starts.</source>
        <translation>Gespeichert. Die Prüfung läuft bei jedem Start von PhotoFlow.</translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation>Sicherung geschrieben: {path}</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>Automatische Sicherung</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>Safety copy before a restore</source>
        <translation>Sicherheitskopie vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>Before migrating</source>
        <translation>Vor einer Migration</translation>
    </message>
    <message>
        <source>Before a rollback</source>
        <translation>Vor dem Zurücknehmen</translation>
    </message>
    <message>
        <source>Before a reset</source>
        <translation>Vor dem Zurücksetzen</translation>
    </message>
    <message>
        <source>The database was not changed.</source>
        <translation>Die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Replace all data in {database}
with the backup taken {taken}?

File: {path}

Every change made since that backup is lost. A safety backup of the current database is written first, and the restore is all-or-nothing: if it fails, the database stays as it is.</source>
        <translation>Alle Daten in {database}
durch die Sicherung vom {taken} ersetzen?

Datei: {path}

Jede Änderung seit dieser Sicherung geht verloren. Zuerst wird eine Sicherheitskopie der jetzigen Datenbank geschrieben, und die Wiederherstellung gelingt ganz oder gar nicht: Schlägt sie fehl, bleibt die Datenbank, wie sie ist.</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Dateiformat:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Test restore</source>
        <translation>Probe-Wiederherstellung</translation>
    </message>
    <message>
        <source>Restore into a scratch database and compare its row counts with the live one</source>
        <translation>In eine Probedatenbank wiederherstellen und deren Zeilenzahlen mit der echten vergleichen</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Verify a file…</source>
        <translation>Eine Datei prüfen…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>Aus einer Datei wiederherstellen…</translation>
    </message>
    <message>
        <source>Backups in the folder</source>
        <translation>Sicherungen im Ordner</translation>
    </message>
    <message>
        <source>Backup written and verified: {path}
{size} in {seconds:.1f} s — {check}.</source>
        <translation>Sicherung geschrieben und geprüft: {path}
{size} in {seconds:.1f} s — {check}.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>NOT usable</source>
        <translation>NICHT brauchbar</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>unbekanntes Format</translation>
    </message>
    <message>
        <source>Test restore of {file}: {result}.</source>
        <translation>Probe-Wiederherstellung von {file}: {result}.</translation>
    </message>
    <message>
        <source>Rows in the backup — {counts}</source>
        <translation>Zeilen in der Sicherung — {counts}</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Eine Sicherung wiederherstellen</translation>
    </message>
    <message numerus="yes">
        <source>No backup needed: the newest is younger than %n hour(s).</source>
        <translation>
            <numerusform>Keine Sicherung nötig: Die neueste ist jünger als %n Stunde.</numerusform>
            <numerusform>Keine Sicherung nötig: Die neueste ist jünger als %n Stunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Restored {file} in {seconds:.1f} s. Rows now — {counts}.
The data from before the restore is kept in {path}</source>
        <translation>{file} in {seconds:.1f} s wiederhergestellt. Zeilen jetzt — {counts}.
Die Daten von vor der Wiederherstellung liegen in {path}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Unexpected error ({kind}): {problem}</source>
        <translation>Unerwarteter Fehler ({kind}): {problem}</translation>
    </message>
    <message>
        <source>{action} failed</source>
        <translation>{action} fehlgeschlagen</translation>
    </message>
    <message>
        <source>not needed (SQLite backups use the built-in backup API)</source>
        <translation>nicht nötig (SQLite-Sicherungen nutzen die eingebaute Sicherungsschnittstelle)</translation>
    </message>
    <message>
        <source>NOT FOUND — backups and restores cannot run (see the advice below)</source>
        <translation>NICHT GEFUNDEN — Sicherung und Wiederherstellung gehen nicht (siehe Hinweise unten)</translation>
    </message>
    <message>
        <source>compatible</source>
        <translation>passend</translation>
    </message>
    <message>
        <source>TOO OLD for this server</source>
        <translation>ZU ALT für diesen Server</translation>
    </message>
    <message>
        <source>{version} at {path} — {verdict}</source>
        <translation>{version} unter {path} — {verdict}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Backend:</source>
        <translation>Datenbanksystem:</translation>
    </message>
    <message>
        <source>Server version:</source>
        <translation>Server-Version:</translation>
    </message>
    <message>
        <source>Database size:</source>
        <translation>Datenbankgröße:</translation>
    </message>
    <message>
        <source>Journal mode:</source>
        <translation>Journalmodus:</translation>
    </message>
    <message>
        <source>Last backup:</source>
        <translation>Letzte Sicherung:</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indexname</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>SQL-Definition</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>Reading the health report</source>
        <translation>Lese den Zustandsbericht</translation>
    </message>
    <message>
        <source>✓ Nothing to fix.</source>
        <translation>✓ Nichts zu beheben.</translation>
    </message>
    <message>
        <source>Migration</source>
        <translation>Migrationsschritt</translation>
    </message>
    <message>
        <source>Apply pending</source>
        <translation>Ausstehende anwenden</translation>
    </message>
    <message>
        <source>Roll back last…</source>
        <translation>Letzte zurücknehmen…</translation>
    </message>
    <message>
        <source>Reset database…</source>
        <translation>Datenbank zurücksetzen…</translation>
    </message>
    <message>
        <source>Applying or rolling back writes a backup first; each migration runs in its own transaction, so a failing one leaves the database as it was.</source>
        <translation>Anwenden oder Zurücknehmen schreibt zuerst eine Sicherung; jede Migration läuft in einer eigenen Transaktion, eine fehlschlagende lässt die Datenbank also, wie sie war.</translation>
    </message>
    <message>
        <source>Reading migrations</source>
        <translation>Lese die Migrationen</translation>
    </message>
    <message>
        <source>✓ applied</source>
        <translation>✓ angewendet</translation>
    </message>
    <message>
        <source>• pending</source>
        <translation>• ausstehend</translation>
    </message>
    <message>
        <source>This database was made by the PhotoFlow web app: its first migration is recorded as applied without touching any order.</source>
        <translation>Diese Datenbank stammt von der PhotoFlow-Web-App: Ihre erste Migration wird als angewendet vermerkt, ohne einen Auftrag anzurühren.</translation>
    </message>
    <message>
        <source>Apply migrations</source>
        <translation>Migrationen anwenden</translation>
    </message>
    <message>
        <source>the last migration</source>
        <translation>die letzte Migration</translation>
    </message>
    <message>
        <source>Undo migration {name} on {database}?

A backup is written first. Data stored only in what this migration added is lost.</source>
        <translation>Migration {name} auf {database} zurücknehmen?

Zuerst wird eine Sicherung geschrieben. Daten, die nur in dem liegen, was diese Migration hinzugefügt hat, gehen verloren.</translation>
    </message>
    <message>
        <source>Roll back a migration</source>
        <translation>Eine Migration zurücknehmen</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>Rebuilding the tables</source>
        <translation>Baue die Tabellen neu auf</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>No backup was needed (the database held no data).</source>
        <translation>Keine Sicherung nötig (die Datenbank enthielt keine Daten).</translation>
    </message>
    <message>
        <source>Backup written first: {path}</source>
        <translation>Zuerst gesichert: {path}</translation>
    </message>
    <message>
        <source>nothing (already up to date)</source>
        <translation>nichts (schon auf dem neuesten Stand)</translation>
    </message>
    <message>
        <source>Applied {names}.</source>
        <translation>Angewendet: {names}.</translation>
    </message>
    <message>
        <source>Rolled back {names}.</source>
        <translation>Zurückgenommen: {names}.</translation>
    </message>
    <message numerus="yes">
        <source>%n sample order(s) added.</source>
        <translation>
            <numerusform>%n Beispielauftrag angelegt.</numerusform>
            <numerusform>%n Beispielaufträge angelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reclaims the space of deleted and changed rows.</source>
        <translation>Gibt den Platz gelöschter und geänderter Zeilen frei.</translation>
    </message>
    <message>
        <source>Updates the statistics the query planner uses.</source>
        <translation>Aktualisiert die Statistiken des Abfrageplaners.</translation>
    </message>
    <message>
        <source>Both: reclaims space, then updates the statistics.</source>
        <translation>Beides: gibt Platz frei, dann aktualisiert es die Statistiken.</translation>
    </message>
    <message>
        <source>Rewrites every table to return space to the disk.</source>
        <translation>Schreibt jede Tabelle neu und gibt Platz an die Festplatte zurück.</translation>
    </message>
    <message>
        <source>Lets SQLite refresh the statistics it needs (quick).</source>
        <translation>Lässt SQLite seine Statistiken auffrischen (schnell).</translation>
    </message>
    <message>
        <source>⚠ VACUUM FULL locks every table while it runs: nobody (this app, other workstations, the web app) can read or change orders until it finishes. Run it when nobody is working.</source>
        <translation>⚠ VACUUM FULL sperrt während des Laufs jede Tabelle: Niemand (diese App, andere Arbeitsplätze, die Web-App) kann Aufträge lesen oder ändern, bis es fertig ist. Starten Sie es, wenn niemand arbeitet.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>The database&apos;s messages appear here.</source>
        <translation>Hier erscheinen die Meldungen der Datenbank.</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>Vorgang:</translation>
    </message>
    <message>
        <source>Run it now?</source>
        <translation>Jetzt ausführen?</translation>
    </message>
    <message>
        <source>Run {operation}</source>
        <translation>{operation} ausführen</translation>
    </message>
    <message>
        <source>{size} smaller</source>
        <translation>{size} kleiner</translation>
    </message>
    <message>
        <source>no space freed</source>
        <translation>kein Platz frei geworden</translation>
    </message>
    <message>
        <source>{operation} finished in {seconds:.1f} s. Size before: {before}, after: {after} ({change}).</source>
        <translation>{operation} fertig in {seconds:.1f} s. Größe vorher: {before}, nachher: {after} ({change}).</translation>
    </message>
    <message>
        <source>(no messages)</source>
        <translation>(keine Meldungen)</translation>
    </message>
    <message numerus="yes">
        <source>The database was reset (%n migration(s) applied).</source>
        <translation>
            <numerusform>Die Datenbank wurde zurückgesetzt (%n Migration angewendet).</numerusform>
            <numerusform>Die Datenbank wurde zurückgesetzt (%n Migrationen angewendet).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The database is up to date (%n migration(s) applied).</source>
        <translation>
            <numerusform>Die Datenbank ist auf dem neuesten Stand (%n Migration angewendet).</numerusform>
            <numerusform>Die Datenbank ist auf dem neuesten Stand (%n Migrationen angewendet).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s) waiting to be applied.</source>
        <translation>
            <numerusform>%n Migration wartet darauf, angewendet zu werden.</numerusform>
            <numerusform>%n Migrationen warten darauf, angewendet zu werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Database maintenance</source>
        <translation>Datenbankwartung</translation>
    </message>
    <message>
        <source>Backup &amp;&amp; restore</source>
        <translation>Sichern &amp;&amp; Wiederherstellen</translation>
    </message>
    <message>
        <source>Migrations</source>
        <translation>Migrationen</translation>
    </message>
    <message>
        <source>Optimize</source>
        <translation>Optimieren</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustandsbericht</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>Automatische Sicherungen</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Backups (*.sql *.sql.gz *.dump *.sqlite *.sqlite.gz *.db *.gz);;All files (*)</source>
        <translation>Sicherungen (*.sql *.sql.gz *.dump *.sqlite *.sqlite.gz *.db *.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reset the database</source>
        <translation>Datenbank zurücksetzen</translation>
    </message>
    <message>
        <source>Reset deletes &lt;b&gt;every order and comment&lt;/b&gt; in &lt;b&gt;{database}&lt;/b&gt; and builds empty tables again. A backup is written first.&lt;br&gt;&lt;br&gt;Type the database name to confirm:</source>
        <translation>Zurücksetzen löscht &lt;b&gt;alle Aufträge und Kommentare&lt;/b&gt; in &lt;b&gt;{database}&lt;/b&gt; und legt leere Tabellen neu an. Zuerst wird eine Sicherung geschrieben.&lt;br&gt;&lt;br&gt;Zum Bestätigen den Namen der Datenbank eingeben:</translation>
    </message>
    <message>
        <source>Fill the new board with sample orders</source>
        <translation>Die neue Tafel mit Beispielaufträgen füllen</translation>
    </message>
    <message>
        <source>Reset database</source>
        <translation>Datenbank zurücksetzen</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Sicherung wählen</translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation>Ordner für Sicherungen</translation>
    </message>
</context>
<context>
    <name>OpenCard</name>
    <message>
        <source>Order #{0} is not on the board (finished, or hidden by the search).</source>
        <translation>Auftrag #{0} ist nicht auf der Tafel (erledigt oder von der Suche ausgeblendet).</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record payment for %1</source>
        <translation>Zahlung für %1 erfassen</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Eingegangen am</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <source>Enter an amount above 0 and at most %1</source>
        <translation>Geben Sie einen Betrag über 0 und höchstens %1 ein</translation>
    </message>
</context>
<context>
    <name>PriceListDialog</name>
    <message>
        <source>Price list</source>
        <translation>Preisliste</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>USt. %</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Preparing the printout…</source>
        <translation>Der Ausdruck wird vorbereitet…</translation>
    </message>
    <message>
        <source>Nothing printed: {0} Try again when the database answers.</source>
        <translation>Nichts gedruckt: {0} Versuchen Sie es erneut, sobald die Datenbank antwortet.</translation>
    </message>
    <message>
        <source>Saved as PDF: {0}</source>
        <translation>Als PDF gespeichert: {0}</translation>
    </message>
    <message>
        <source>Printing is not available in this build: save it as PDF instead.</source>
        <translation>Drucken ist in diesem Build nicht verfügbar: stattdessen als PDF speichern.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Print &amp;job sheet…</source>
        <translation>&amp;Auftragsblatt drucken…</translation>
    </message>
    <message>
        <source>Job sheet as PD&amp;F…</source>
        <translation>Auftragsblatt als PD&amp;F…</translation>
    </message>
    <message>
        <source>Print d&amp;ay list…</source>
        <translation>&amp;Tagesliste drucken…</translation>
    </message>
    <message>
        <source>Day list as PDF…</source>
        <translation>Tagesliste als PDF…</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} von {total}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Breche ab…</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message numerus="yes">
        <source>%n order(s) due</source>
        <translation>
            <numerusform>%n Auftrag fällig</numerusform>
            <numerusform>%n Aufträge fällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) overdue or due today</source>
        <translation>
            <numerusform>%n Auftrag überfällig oder heute fällig</numerusform>
            <numerusform>%n Aufträge überfällig oder heute fällig</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue since {0}</source>
        <translation>überfällig seit {0}</translation>
    </message>
    <message>
        <source>today {0}</source>
        <translation>heute {0}</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Due &amp;reminders</source>
        <translation>&amp;Terminerinnerungen</translation>
    </message>
    <message>
        <source>Tell me once a day about orders due today or overdue</source>
        <translation>Einmal am Tag an heute fällige oder überfällige Aufträge erinnern</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>Sizes</name>
    <message>
        <source>{n:,} bytes</source>
        <translation>{n:,} Bytes</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>It is a PhotoFlow web-app database: PhotoFlow Desktop adds only its own table (board columns) and indexes; the orders and the web app&apos;s tables stay as they are.</source>
        <translation>Es ist eine Datenbank der PhotoFlow-Web-App: PhotoFlow Desktop fügt nur seine eigene Tabelle (Spalten der Tafel) und Indizes hinzu; die Aufträge und die Tabellen der Web-App bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>If it holds data, a backup is written first. Apply the updates now?</source>
        <translation>Enthält sie Daten, wird zuerst eine Sicherung geschrieben. Updates jetzt anwenden?</translation>
    </message>
    <message>
        <source>Updating the database…</source>
        <translation>Aktualisiere die Datenbank…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Opening {url}…</source>
        <translation>{url} wird geöffnet…</translation>
    </message>
    <message>
        <source>Updating the database… {step}</source>
        <translation>Aktualisiere die Datenbank… {step}</translation>
    </message>
    <message>
        <source>Updating the database failed: {problem}</source>
        <translation>Aktualisieren der Datenbank fehlgeschlagen: {problem}</translation>
    </message>
    <message>
        <source>Cannot open the database: {problem}</source>
        <translation>Die Datenbank lässt sich nicht öffnen: {problem}</translation>
    </message>
    <message>
        <source>{app} — cannot open the database</source>
        <translation>{app} — Datenbank lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;PhotoFlow cannot open the database&lt;/b&gt;</source>
        <translation>&lt;b&gt;PhotoFlow kann die Datenbank nicht öffnen&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>The database {url} needs %n update(s) before PhotoFlow can open it: {names}.</source>
        <translation>
            <numerusform>Die Datenbank {url} braucht %n Update, bevor PhotoFlow sie öffnen kann: {names}.</numerusform>
            <numerusform>Die Datenbank {url} braucht %n Updates, bevor PhotoFlow sie öffnen kann: {names}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect to…</source>
        <translation>Verbinden mit…</translation>
    </message>
    <message>
        <source>Use local database</source>
        <translation>Lokale Datenbank verwenden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>{app} — update the database</source>
        <translation>{app} — Datenbank aktualisieren</translation>
    </message>
    <message>
        <source>{url} needs database updates that were not applied ({names})</source>
        <translation>{url} braucht Datenbank-Updates, die nicht angewendet wurden ({names})</translation>
    </message>
</context>
<context>
    <name>StatsBar</name>
    <message>
        <source>Shown</source>
        <translation>Angezeigt</translation>
    </message>
    <message>
        <source>Orders the board shows now: the sum of the column counts</source>
        <translation>Aufträge, die die Tafel gerade zeigt: die Summe der Spaltenzahlen</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Shown orders, not finished, whose due date has passed</source>
        <translation>Angezeigte, nicht erledigte Aufträge, deren Termin vorbei ist</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Shown orders in the “In progress” column</source>
        <translation>Angezeigte Aufträge in der Spalte „In Bearbeitung“</translation>
    </message>
    <message>
        <source>In Done</source>
        <translation>In Fertig</translation>
    </message>
    <message>
        <source>Shown orders in the “Done” column (its header count)</source>
        <translation>Angezeigte Aufträge in der Spalte „Fertig“ (ihre Zahl im Spaltenkopf)</translation>
    </message>
    <message>
        <source>Matching the search:</source>
        <translation>Passend zur Suche:</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not processed</source>
        <translation>Nicht Bearbeitet</translation>
    </message>
    <message>
        <source>Developed</source>
        <translation>Entwickelt</translation>
    </message>
    <message>
        <source>Retouched</source>
        <translation>Retuschiert</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Gedruckt</translation>
    </message>
</context>
<context>
    <name>StudioDialog</name>
    <message>
        <source>Studio details for invoices</source>
        <translation>Studiodaten für Rechnungen</translation>
    </message>
    <message>
        <source>Studio name</source>
        <translation>Name des Studios</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Anschrift</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>Steuernummer</translation>
    </message>
    <message>
        <source>VAT id</source>
        <translation>USt-IdNr.</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>Footer</source>
        <translation>Fußzeile</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Payment term</source>
        <translation>Zahlungsziel</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Edit task #{id}</source>
        <translation>Auftrag #{id} bearbeiten</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Neuer Auftrag</translation>
    </message>
    <message>
        <source>Clients could not be read</source>
        <translation>Kunden konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>The stored due date “{raw}” is no date: choose the due date</source>
        <translation>Der gespeicherte Termin „{raw}“ ist kein Datum: Termin wählen</translation>
    </message>
    <message>
        <source>e.g. Wedding Photography - Smith Family</source>
        <translation>z. B. Hochzeitsreportage - Familie Schmidt</translation>
    </message>
    <message>
        <source>Date only (no time), as the web app stores it</source>
        <translation>Nur Datum (ohne Uhrzeit), wie die Web-App es speichert</translation>
    </message>
    <message>
        <source>Details for the studio: location, guests, wishes…</source>
        <translation>Einzelheiten fürs Studio: Ort, Gäste, Wünsche…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>(no client)</source>
        <translation>(kein Kunde)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Loading clients…</source>
        <translation>Kunden werden geladen…</translation>
    </message>
    <message>
        <source>Local time ({zone})</source>
        <translation>Ortszeit ({zone})</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Fällig:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>Bearbeitungs&amp;stand:</translation>
    </message>
    <message>
        <source>&amp;Column:</source>
        <translation>S&amp;palte:</translation>
    </message>
    <message>
        <source>Clie&amp;nt:</source>
        <translation>K&amp;unde:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>B&amp;eschreibung:</translation>
    </message>
    <message>
        <source>(missing column {key})</source>
        <translation>(fehlende Spalte {key})</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Today — {0}</source>
        <translation>Heute — {0}</translation>
    </message>
    <message>
        <source>Tomorrow — {0}</source>
        <translation>Morgen — {0}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter opens the order · Ctrl+P prints the day list</source>
        <translation>↑↓ wählen · Eingabe öffnet den Auftrag · Strg+P druckt die Tagesliste</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Not refreshed: {0} Press F5 to try again.</source>
        <translation>Nicht aktualisiert: {0} Mit F5 erneut versuchen.</translation>
    </message>
    <message>
        <source>Open orders, overdue and the next {0} days, matching “{1}”.</source>
        <translation>Offene Aufträge, überfällig und die nächsten {0} Tage, passend zu „{1}“.</translation>
    </message>
    <message>
        <source>Open orders, overdue and the next {0} days.</source>
        <translation>Offene Aufträge, überfällig und die nächsten {0} Tage.</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>New task</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Edit task</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Finish task</source>
        <translation>Erledigen</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>Nach links</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>Nach rechts</translation>
    </message>
    <message>
        <source>Show finished tasks</source>
        <translation>Erledigte zeigen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Unfinish task</source>
        <translation>Wieder öffnen</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>The database did not accept the change: {problem}</source>
        <translation>Die Datenbank hat die Änderung nicht angenommen: {problem}</translation>
    </message>
    <message>
        <source>The database cannot be reached, so this step was not applied. Nothing changed; try again when the connection is back.</source>
        <translation>Die Datenbank ist nicht erreichbar, dieser Schritt wurde also nicht ausgeführt. Nichts hat sich geändert; versuchen Sie es wieder, wenn die Verbindung zurück ist.</translation>
    </message>
    <message>
        <source>New task “{title}”</source>
        <translation>Neuer Auftrag „{title}“</translation>
    </message>
    <message>
        <source>Edit “{title}”</source>
        <translation>„{title}“ bearbeiten</translation>
    </message>
    <message>
        <source>Move “{title}” to {column}</source>
        <translation>„{title}“ nach {column} verschieben</translation>
    </message>
    <message>
        <source>Finish “{title}”</source>
        <translation>„{title}“ erledigen</translation>
    </message>
    <message>
        <source>Unfinish “{title}”</source>
        <translation>„{title}“ wieder öffnen</translation>
    </message>
    <message>
        <source>Delete “{title}”</source>
        <translation>„{title}“ löschen</translation>
    </message>
</context>
<context>
    <name>WebAppLink</name>
    <message>
        <source>Web app link: off</source>
        <translation>Web-App-Verbindung: aus</translation>
    </message>
    <message>
        <source>Web app link: connected</source>
        <translation>Web-App-Verbindung: verbunden</translation>
    </message>
    <message>
        <source>Web app link: reconnecting</source>
        <translation>Web-App-Verbindung: verbinde neu</translation>
    </message>
    <message>
        <source>Click to change the address.</source>
        <translation>Klicken, um die Adresse zu ändern.</translation>
    </message>
    <message>
        <source>{url} (from {source})</source>
        <translation>{url} (aus {source})</translation>
    </message>
    <message>
        <source>Set the web app&apos;s address (e.g. http://studio-pc:3000, or {variable}) to refresh its pages live and to follow their changes at once</source>
        <translation>Adresse der Web-App festlegen (z. B. http://studio-pc:3000 oder {variable}), um ihre Seiten live aufzufrischen und ihren Änderungen sofort zu folgen</translation>
    </message>
</context>
<context>
    <name>WebAppLinkDialog</name>
    <message>
        <source>Web app link</source>
        <translation>Web-App-Verbindung</translation>
    </message>
    <message>
        <source>The PhotoFlow web app refreshes its open pages through its socket.io server (port 3000 on the PC that runs it). With its address here, the web app&apos;s pages show the board&apos;s changes at once and the board follows theirs.</source>
        <translation>Die PhotoFlow-Web-App frischt ihre offenen Seiten über ihren socket.io-Server auf (Port 3000 auf dem PC, auf dem sie läuft). Steht ihre Adresse hier, zeigen die Seiten der Web-App die Änderungen der Tafel sofort, und die Tafel folgt ihren.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>{variable} is set ({url}) and is used instead of this setting.</source>
        <translation>{variable} ist gesetzt ({url}) und gilt statt dieser Einstellung.</translation>
    </message>
    <message>
        <source>Enter a web address like http://studio-pc:3000 (or nothing: off).</source>
        <translation>Geben Sie eine Webadresse wie http://studio-pc:3000 ein (oder nichts: aus).</translation>
    </message>
</context>
</TS>
