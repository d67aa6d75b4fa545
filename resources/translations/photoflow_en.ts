<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{version} on {system} {machine}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About {app}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The studio's kanban board for photography orders, on its own SQLite file or on the PhotoFlow web app's PostgreSQL database.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Connect to studio server…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use a PostgreSQL server shared by the studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create a task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit task…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit the selected task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Finish task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark the selected task finished (or not)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Delete task…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the selected task and its comments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Comments…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read and write the selected task's comments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search and filter the board</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show &amp;finished tasks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show finished tasks too</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reload the board from the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move &amp;left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move the selected task one column to the left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move &amp;right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move the selected task one column to the right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add column…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;name column…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set &amp;WIP limit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move column l&amp;eft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move column ri&amp;ght</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dele&amp;te column…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Maintenance…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backups, restore, database updates, health</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About PhotoFlow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Board</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move &amp;to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Un&amp;finish task</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: {error}

PhotoFlow keeps running. The details were written to {file}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic backup written: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic backup failed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Argparse</name>
    <message>
        <source>show program's version number and exit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>usage: </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>positional arguments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>options</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>expected one argument</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>expected %s argument</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Board</name>
    <message numerus="yes">
        <source>%n minute(s) overdue</source>
        <translation>
            <numerusform>%n minute overdue</numerusform>
            <numerusform>%n minutes overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n minute</numerusform>
            <numerusform>in %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>The columns were not changed: the database refused ({problem}). The board shows what is stored; try again in a moment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Board columns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No orders here.
Drag a card here, or press + to add one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No matching orders.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New task in “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WIP {limit}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move &amp;to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New task here…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename column…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set WIP limit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move column left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move column right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete column…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database this board shows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Discard waiting changes…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No changes are waiting for the database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discard waiting changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>These changes never reached the database and would be lost:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Changes not saved yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>These changes could not reach the database yet. Keep them to apply them the next time PhotoFlow opens this database, or discard them?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep for later</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n hour</numerusform>
            <numerusform>in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) overdue</source>
        <translation>
            <numerusform>%n hour overdue</numerusform>
            <numerusform>%n hours overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Over the WIP limit: %n task(s), limit {limit}</source>
        <translation>
            <numerusform>Over the WIP limit: %n task, limit {limit}</numerusform>
            <numerusform>Over the WIP limit: %n tasks, limit {limit}</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting for the database</source>
        <translation>
            <numerusform>%n change waiting for the database</numerusform>
            <numerusform>%n changes waiting for the database</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening {url}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Delete “{title}” and its %n comment(s)?

You can bring it back with Edit → Undo.</source>
        <translation>
            <numerusform>Delete “{title}” and its %n comment?

You can bring it back with Edit → Undo.</numerusform>
            <numerusform>Delete “{title}” and its %n comments?

You can bring it back with Edit → Undo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search…  e.g. Smith status:Retouched due:week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the database did not answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not count: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{title}, {status}, %n comment(s)</source>
        <translation>
            <numerusform>{title}, {status}, %n comment</numerusform>
            <numerusform>{title}, {status}, %n comments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <source>&amp;Import orders…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add orders from a CSV file (any spreadsheet, choose the columns)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>Damaged due date: {raw}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>set a new date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CardTexts</name>
    <message>
        <source>title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>finished flag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>comment count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Damaged title: {raw}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Damaged status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Damaged {field}: {raw}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>reachable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>login</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>tls</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>pooler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>direct URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>integrity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>web-app schema</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>detached</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>drift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>pg_dump</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Exported to {file}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Imported %n task(s) from {file}</source>
        <translation>
            <numerusform>Imported %n task from {file}</numerusform>
            <numerusform>Imported %n tasks from {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: {url} ({source})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PhotoFlow web-app database: will be adopted by `photoflow db migrate`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>applied  {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>pending  {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detached from the web app's tables: `photoflow db migrate` attaches again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Up to date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Attached again: the web app's changes reach open boards live.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing to migrate: the database is up to date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup written first: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rolled back  {name}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Added %n sample order(s).</source>
        <translation>
            <numerusform>Added %n sample order.</numerusform>
            <numerusform>Added %n sample orders.</numerusform>
        </translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{old} → {new}: %n order(s) would change</source>
        <translation>
            <numerusform>{old} → {new}: %n order would change</numerusform>
            <numerusform>{old} → {new}: %n orders would change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{old} → {new}: %n order(s) changed</source>
        <translation>
            <numerusform>{old} → {new}: %n order changed</numerusform>
            <numerusform>{old} → {new}: %n orders changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) would change in total.</source>
        <translation>
            <numerusform>%n order would change in total.</numerusform>
            <numerusform>%n orders would change in total.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) changed in total.</source>
        <translation>
            <numerusform>%n order changed in total.</numerusform>
            <numerusform>%n orders changed in total.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every status already uses the web app's keys: nothing to change.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Imported %n client(s) from {file}</source>
        <translation>
            <numerusform>Imported %n client from {file}</numerusform>
            <numerusform>Imported %n clients from {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending.</source>
        <translation>
            <numerusform>%n pending.</numerusform>
            <numerusform>%n pending.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset {url}: tables recreated.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SQLite has no schemas: there is nothing to detach (PhotoFlow's tables stay in the file, where Prisma's `migrate dev` would still see them).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing of PhotoFlow's is in the web app's schema: nothing to detach.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>removed  {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detached: Prisma sees only the web app's schema. Live updates of its changes stop until `photoflow db migrate` attaches again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>draft #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>paid {amount}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due {date}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{number}: {status}, open {amount}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Missing for invoices: {names}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{rows:,} row(s)</source>
        <translation>
            <numerusform>{rows:,} row</numerusform>
            <numerusform>{rows:,} rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{format}, {size}, {seconds:.1f} s; {check}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored {file} into {database} in {seconds:.1f} s.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Safety backup of the previous data: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: OK, {format}. {check}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{operation}: {before} → {after} in {seconds:.1f} s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size: {size}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Journal mode: {mode}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tables:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Indexes: {count}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connections: {count}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: {state} since {since}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last backup: {time}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Advice: {advice}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database: {url}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>skip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>warn</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Salvaged into {path} ({method}); the damaged file was not changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAT {rate} %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All checks passed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Something is wrong (see FAIL above).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CliHelp</name>
    <message>
        <source>PhotoFlow Desktop: the studio's kanban board.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>database to open (sqlite:///file.db or postgresql://user:pass@host:5432/db)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>language of the window and the messages (default: the setting, else the system's)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>log what happens</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>COMMAND</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>smoke-test this installation on a temporary database (touches nothing else)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create a temporary SQLite database, migrate, seed, render the board offscreen, back up and verify; exit 0 only when every step passes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>save the rendered board as a PNG</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the studio's clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ACTION</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>add a client; prints the new id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EMAIL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PHONE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ADDRESS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TAX_ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NOTES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>list clients by name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SEARCH</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>part of a name, email, phone or address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>add clients from a CSV file (all or none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FILE.csv</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>make CLIENT_ID the client of order TASK_ID ('-': none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TASK_ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CLIENT_ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>write every client as CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>file to write (default: stdout)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>write every task as CSV or JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>export the readable rows of a damaged embedded database (it is not changed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>add tasks from a CSV or JSON file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FIELD=COLUMN,…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>read any CSV (delimiter and encoding detected): which column holds which field, e.g. task=Titel,dueAt=Fällig,status=Status,additional_information=Notiz</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rewrite RAW/Developed/Retouched/Printed as the web app's status keys (backup first)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only print what would change, write nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>database operations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>applied and pending migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>apply pending migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>undo the last migration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>remove PhotoFlow's triggers from the web app's schema (before prisma)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>fill the board with sample studio orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>drop and recreate the tables (deletes every order)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>confirm that every order is deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>fill with sample orders afterwards</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>invoices: create, issue, cancel, pay, PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a draft for a client or an order; --issue numbers it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the order (its client is invoiced)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'DESCRIPTION;QTY;UNIT_PRICE;VAT'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KEY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>date of service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>issue it at once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>issue date (default today)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>give a draft its number (cannot be undone)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DRAFT_ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cancel an issued invoice by a cancellation invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NUMBER</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>date of the cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>invoices with status, total and paid amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>YEAR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>record a payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>AMOUNT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 219.79</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>day the money came (default today)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>METHOD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>transfer, cash, card, …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>write an issued invoice as PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FILE.pdf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>show or set the studio details printed on invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DAYS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>tax profile of new invoices: de_vat_19, de_vat_7 or de_small_business (stored in the database)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>write a verified backup file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>backup file or folder (default: the backup folder)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>plain (.sql), gzip (.sql.gz / .sqlite.gz), custom (.dump), sqlite</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>replace the database with a backup (atomic)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>confirm that the data is replaced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>is this a complete, restorable backup?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>also restore into a scratch database and compare row counts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>reclaim space (VACUUM) and update statistics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VACUUM FULL (locks every table)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>also ANALYZE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>print the server's output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sizes, rows, connections, indexes, last backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>diagnose the connection, migrations and pg_dump</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>copy every readable row of a damaged SQLite file into a new file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the studio's price list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>add an entry; prints its id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UNIT_PRICE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 49.00</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>percent, e.g. 19</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UNIT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>piece, hour, session, …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every entry by name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>remove an entry (invoices keep their lines)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>New client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tax id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tax id</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClientsWindow</name>
    <message>
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search name, email, phone, address…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add client…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ColumnDialogs</name>
    <message>
        <source>No limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Work-in-progress limit: the column header warns when it holds more cards</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Retouching</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;WIP limit:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WIP limit of “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The column holds %n open card(s). 0 means no limit.</source>
        <translation>
            <numerusform>The column holds %n open card. 0 means no limit.</numerusform>
            <numerusform>The column holds %n open cards. 0 means no limit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete column “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete column</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>“{title}” holds %n task(s) (finished ones included). Move them to:</source>
        <translation>
            <numerusform>“{title}” holds %n task (finished ones included). Move them to:</numerusform>
            <numerusform>“{title}” holds %n tasks (finished ones included). Move them to:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Move to:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is the only column: add another one to move the tasks to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the empty column “{title}”?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The board needs at least one column</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ColumnView</name>
    <message>
        <source>Loading cards</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>about {count}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>To do</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CommandRunner</name>
    <message>
        <source>The database cannot be reached: the card is back where it was, and the change is applied when the database is back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The change was not applied.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The task keeps changing elsewhere; try again in a moment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The task could not be created again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Comments</name>
    <message>
        <source>Add comment “{text}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit comment “{text}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete comment “{text}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Enter saves, Esc cancels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit the selected comment (F2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the selected comment (Delete)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Double-click or F2 edits · Ctrl+C copies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New comment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write a comment… (Ctrl+Enter sends)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add the comment (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close the thread (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the database cannot be reached</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the database refused it ({problem})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment not sent: {reason}. Your text is still below; send it again when the database answers.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit not saved: {reason}. Your text is kept: press F2 on the comment and save it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment not deleted: {reason}. Try again when the database answers.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comments not loaded: {reason}. Close the thread and open it again to retry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not undo: {reason}. The step was dropped; the thread is as stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not redo: {reason}. The step was dropped; the thread is as stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comments — task #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete comment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete this comment from {time}?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading the comments…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsent comment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close and discard the comment you have not sent?</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Due {due} · {status} · %n comment(s)</source>
        <translation>
            <numerusform>Due {due} · {status} · %n comment</numerusform>
            <numerusform>Due {due} · {status} · %n comments</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit not saved: {problem}. Press Esc in the editor to cancel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comments — {title} (due {due})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{title}” was deleted, here or on another workstation. Its comment thread is closed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your unsent comment is under “Show Details…” to copy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yesterday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No comments yet.
Write the first one below.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{action}: this task was already deleted by someone else.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{action}: “{title}” was deleted by someone else while you were working on it. Your values are shown below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{action}: “{title}” was changed by someone else since you looked at it. Below is what it holds now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{action}: “{title}” was changed by someone else since you opened it. Theirs (stored now) and yours differ in the fields shown in bold.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave it deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create it again with my values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep theirs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Go ahead anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overwrite with mine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Theirs (stored now)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(delete)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>database '{name}' holds a PhotoFlow board</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>database '{name}' is a PhotoFlow web-app database (it will be adopted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>database '{name}' holds other tables; PhotoFlow will add its own</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>database '{name}' is empty; PhotoFlow will set it up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected to PostgreSQL {version}: {content}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The direct connection names database '{direct}', the server above '{name}': both must reach the same database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Direct connection: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The direct connection works: backups, restores and instant updates use it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connect to studio server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>postgresql://user:password@host:5432/database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>studio-nas or 192.168.1.20</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. connection_limit=10&amp;sslmode=require</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optional, e.g. http://studio-pc:3000</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The web app's socket.io server: its open pages and this board refresh each other at once. Empty: off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste a &amp;URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Options:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Web app &amp;live refresh (socket.io):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>D&amp;irect connection (pooler only):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A server URL starts with postgresql:// (e.g. postgresql://user@host/db)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the server's name or address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The user name or password contains an invisible NUL character.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Options are name=value pairs joined by &amp;, e.g. connection_limit=10</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connecting to {url}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} is set in the environment and is used instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optional, e.g. postgresql://user@db-host:5432/photoflow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only when the server above is a pooler (PgBouncer, Supabase, Neon): the direct address of PostgreSQL, for backups, restores and instant updates. Without a password, the one above is used.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The direct connection must start with postgresql:// (or stay empty).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Connection</name>
    <message numerus="yes">
        <source>%n change(s) still wait for {url}. Save or discard them (File → Quit asks) before opening another database.</source>
        <translation>
            <numerusform>%n change still wait for {url}. Save or discard them (File → Quit asks) before opening another database.</numerusform>
            <numerusform>%n changes still wait for {url}. Save or discard them (File → Quit asks) before opening another database.</numerusform>
        </translation>
    </message>
    <message>
        <source>The board stays on {url}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no connection to the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{reason}. Reconnecting… The board shows what was loaded; changes are paused until the database is back.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DataBrowser</name>
    <message>
        <source>Task #{id} not changed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not read the rows: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Damaged: {raw}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title of the order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date (shown in local time, stored as UTC)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workflow status (free text)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key of the board column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of comments (kept by PhotoFlow)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Created (local time)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task #{id} not changed: {problem}. The row now shows the stored values.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The task this comment belongs to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Written (local time)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment #{id} not changed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{loaded:,} of {total:,} rows loaded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading… {rows}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter: Smith  status:RAW  column:2  due:week  finished:no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show comments of this task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter: text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All comments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter: text (read-only table)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter not applied: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All tasks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task #{id} “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice number (given when issued)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice or cancellation invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stored state: draft, issued or cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The client's name as printed on the invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Total including VAT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of the invoice paid</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>ddd dd MMM HH:mm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ddd dd MMM yyyy HH:mm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ddd dd MMM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ddd dd MMM yyyy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ddd d MMM yyyy, HH:mm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dddd d MMMM yyyy, HH:mm:ss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dddd, d MMMM yyyy, HH:mm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dddd, d MMMM yyyy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ddd yyyy-MM-dd  HH:mm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ddd yyyy-MM-dd</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DayTools</name>
    <message>
        <source>&amp;Today…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overdue orders, today's and the next 7 days'</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DueEdit</name>
    <message>
        <source>e.g. 05.12.2026 14:30 or 2026-12-05 14:30</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pick the day from a calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not a date: type 05.12.2026 14:30 or 2026-12-05 14:30</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EmptyBoardHint</name>
    <message>
        <source>&lt;b&gt;Welcome — the board is empty.&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Try it with sample orders, import your orders from a spreadsheet (CSV), or work on the studio's shared board: File → Connect to studio server… and enter the address your studio's PostgreSQL server was given, e.g. postgresql://photoflow@studio-server:5432/photoflow.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add sample orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connect to studio server…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No sample orders added: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot read {file}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset deletes every order; add --yes to confirm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database has pending migrations: run `photoflow db migrate`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restoring replaces every order in {database} with the backup of {time} UTC; add --yes to confirm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Live updates by polling need the change marker: run `photoflow db migrate` (migration 006)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The change feed is not connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database file is not being watched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column '{key}' no longer exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new order must name every column exactly once</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>This column still holds {count} task(s); choose where to move them</source>
        <translation>
            <numerusform>This column still holds {count} task; choose where to move them</numerusform>
            <numerusform>This column still holds {count} tasks; choose where to move them</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose another column to move the tasks to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task #{id} no longer exists (it was deleted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment #{id} no longer exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The JSON file holds no list of tasks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is not valid JSON: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The CSV file lacks the column(s): {columns}</source>
        <translation>
            <numerusform>The CSV file lacks the column: {columns}</numerusform>
            <numerusform>The CSV file lacks the columns: {columns}</numerusform>
        </translation>
    </message>
    <message>
        <source>Row {number}: the CSV cannot be read ({problem}); a field may hold at most {limit:,} characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>it is not a task record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row {number}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row {number} has {fields} fields but the header has {header}: check its quotes and commas</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The SQLite URL names no file: use sqlite:////path/to/file.db</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no column '{value}' on this board: use {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown finished filter 'finished:{value}': use finished:yes or finished:no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown due filter 'due:{value}': use due:today, due:week or due:overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read {file}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write {output}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set the studio's {value} first (photoflow invoice studio)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} '{text}' is not an id (a whole number like 12)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} '{text}' is not a date (use YYYY-MM-DD)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Item '{text}' must be written DESCRIPTION;QTY;UNIT_PRICE;VAT (e.g. 'Prints;10;2.50;19')</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--format {format} is not available for {name}; use one of {value}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: {message}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>db salvage works on the embedded (SQLite) database only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lost the connection to the database server at {host}:{port} ({problem})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot watch {path}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Email '{email}' is not an email address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tax id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client #{client_id} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client id '{text}' is not a number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client #{client_id} has invoices and cannot be deleted (invoices must be kept)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order #{task_id} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The client CSV needs a header row with at least a 'name' column</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Unknown column(s) {value}; use {value2}</source>
        <translation>
            <numerusform>Unknown column {value}; use {value2}</numerusform>
            <numerusform>Unknown columns {value}; use {value2}</numerusform>
        </translation>
    </message>
    <message>
        <source>The file has more than {MAX_ROWS:,} clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row {number}: more fields than the header names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row {number}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment #{comment_id} no longer exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The CSV file cannot be read: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is empty: it needs a header line and at least one row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--map needs FIELD=COLUMN pairs, not '{part}'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--map: unknown field '{value}' (known: {value2})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the column for: {value}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file has no column '{column}' (it has: {value})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{text}' is not yes/no (use true or false)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dueAt {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its comments are not a list of comments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{text}' is not a date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{text}' is not a month name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{text}' is not a real date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{text}' lies outside the years 1 to 9999 in UTC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown database URL scheme '{value}': use sqlite:///path/to/file.db or postgresql://user:password@host:5432/database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>schema={schema} cannot be sent through a pooler (pgbouncer=true): set it for the user instead (ALTER ROLE {value} SET search_path = {schema}) and drop schema= from the URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>connection_limit={limit} in the database URL must be a whole number of 1 or more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open {url}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} refused user '{user}': check the user name and password in {url}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} has no database '{dbname}': create it (CREATE DATABASE {dbname};) or fix the name in {url}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} has no user '{user}': check {url}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The pooler at {where} refuses startup parameters: remove options= from the URL, and set a schema other than public for the user instead of with schema= (ALTER ROLE … SET search_path)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot reach the PostgreSQL server at {where}: check that it is running and that the host name, port and firewall allow the connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} presented a certificate that the CA in sslrootcert={rootcert} did not sign, so the connection was refused: point sslrootcert at the CA that signed the server's certificate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server's certificate is not issued for the host name '{host}' (sslmode=verify-full checks it): connect by the name in the certificate, or use sslmode=verify-ca</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sslmode={sslmode} needs the CA file {rootcert}, which does not exist: set sslrootcert=/path/to/ca.pem in the URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} does not offer TLS but sslmode={sslmode} requires it: enable ssl on the server or lower sslmode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The client {option} file {path} cannot be read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The TLS handshake with {where} failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice draft #{invoice_id} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no invoice numbered '{text}'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown status '{status}' (use one of: {value})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Line {number}: {label}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Line {number}: Quantity must be more than 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Line {number}: VAT {rate} % is not allowed: a Kleinunternehmer (§ 19 UStG) charges no VAT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The invoice total is too large</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>draft #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its client is not in the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown tax profile '{name}'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>kind or state is not one PhotoFlow knows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the number is not of the form YYYY-NNNN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a draft has no number and an issued invoice has one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice {label}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client {value}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice {value} cancels {cancels}, which is missing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice {number} already exists here with other contents; nothing was imported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An invoice has at most {limit} lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order #{task_id} has no client: choose one for the order (photoflow clients link) or give a client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An invoice needs a client or an order with a client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment term must be 0 to {MAX_PAYMENT_DAYS} days (got {days})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice {number} is issued and cannot be changed; cancel it and write a new one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice draft #{id} was issued meanwhile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client '{name}' has no address; an invoice over {limit} € must show it (add it to the client)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The studio's {value} must be set before issuing an invoice (photoflow invoice studio --help)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An invoice without lines cannot be issued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An invoice must total more than 0.00 to be issued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issuing failed, nothing was changed: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{number} is itself a cancellation invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice {number} is already cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} must be a number written with a decimal point</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} must be a number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} '{text}' is not a number{hint}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} '{text}' has more than {places} decimal places</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} must not be below {minimum} (got {text})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} must not be above {maximum} (got {text})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amount must be more than 0.00</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment date must be a date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{number} is a cancellation invoice: nothing to pay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invoice {value} is {state}: no payment can be recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment of {value} is more than the open amount {value2} of invoice {number}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment #{payment_id} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database URL cannot be read: {reason}; {ENCODING_HINT}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a connection pooler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server keeps startup parameters: no pooler in between</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the URL says pgbouncer=true</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>it refused the startup parameter 'options', as PgBouncer does</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the startup parameter 'options' was dropped on the way</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{operation} needs its own session on the PostgreSQL server, which {pooler} at {where} cannot give: set DIRECT_URL (or PHOTOFLOW_DIRECT_URL) to the server's own address, e.g. postgresql://USER:PASSWORD@DB-HOST:5432/{dbname} (Prisma's directUrl)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price list entry #{price_id} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown filter '{key}:' — use status:, column:, due: or finished: (put text containing a colon in quotes, e.g. "10:30")</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{key}:' needs a value, e.g. {example}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database {path} is busy: another program (an import, a backup or another PhotoFlow) kept it locked for {value} seconds. Try again when it has finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The disk holding {path} is full: nothing was changed. Free some space and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database file {path} is damaged ({exc}). Copy every readable row into a new file with `photoflow db salvage -o NEW_FILE`, or restore a backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the database refused: {problem} (`photoflow db check` says why)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{title}” was changed by someone else since you opened it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{title}” was changed by someone else; look at it again before deleting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task #{id} exists again already</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tax profile '{key}' does not exist (known: {known})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} must be text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} contains an invisible NUL character; remove it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} contains a broken character (a lone UTF-16 surrogate); remove it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} is required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} is too long ({length:,} characters; at most {limit:,})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date must be a real date and time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date must be given in UTC without a time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date {date} is not plausible (years {first}–{last})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} '{value}' is not a whole number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} {value} is outside 1 to {limit:,}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column '{column}' does not exist on this board</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished must be yes or no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WIP limit must be a whole number (0 for none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The folder {folder} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write to {folder}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verification stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back up at least every hour and keep at least one backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SQL script (.sql)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compressed SQL script (.sql.gz)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>pg_dump custom archive (.dump)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SQLite database file (.sqlite)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compressed SQLite database file (.sqlite.gz)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A {backend} database cannot be backed up as {format}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup failed its check and was deleted: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore refused, the database was not changed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped after {done} of {total} migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rolling back {name} failed; nothing was changed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Migration {name} failed and was rolled back: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The dump is complete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore failed and was rolled back; the database is unchanged. A safety backup is at {path}. {hint}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{operation} stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{operation} failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>pg_dump failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is a SQLite backup; it cannot be restored into PostgreSQL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This file is not a pg_dump SQL backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The dump is incomplete: pg_dump's completion line is missing (the file was cut off)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The compressed backup is truncated or damaged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the backup to {folder} failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database file {path} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup is complete and passes the integrity check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup of {path} failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is a PostgreSQL backup; it cannot be restored into SQLite</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup is damaged (integrity check failed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>integrity check failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database file {path} is damaged ({problem}); it was left untouched. Copy every readable row into a new file with `photoflow db salvage -o NEW_FILE`, or restore a backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no database file at {source}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{target} already exists: choose a new file name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The folder {parent} does not exist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>row by row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sequence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>index</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The web app's schema changed: {columns} is missing, so PhotoFlow cannot show the board; the web app keeps working. Restore the column in the web app's schema.prisma (or a backup) to see the orders here again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The web app's schema changed: {columns} are missing, so PhotoFlow cannot show the board; the web app keeps working. Restore the columns in the web app's schema.prisma (or a backup) to see the orders here again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>relation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>table "{name}": the web app's own former table, no longer in its schema.prisma; Prisma would want to drop it (PhotoFlow leaves it alone)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>column "{table}"."{column}": not in the web app's schema as PhotoFlow knows it; unless schema.prisma now declares it, Prisma would want to drop it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{kind} "{name}": PhotoFlow's, left in the web app's schema by an older version; `photoflow db migrate` moves it out of Prisma's sight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{kind} "{name}": not in the web app's schema; Prisma would want to drop it (move it to another schema or add it to schema.prisma before `prisma migrate dev`)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment term must be 0 to 365 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The web app link address '{text}' is not a web address like http://studio-pc:3000; correct PHOTOFLOW_SOCKETIO_URL or the saved setting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only an issued invoice can be printed; issue the draft first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write {file}: check the folder exists and is writable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printing is not available in this build; use Save PDF… and print the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date must look like 2026-03-15 14:00 (local time)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore stopped before anything was changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The JSON file is nested too deeply to be a PhotoFlow export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read {path}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{operation} is not available for {backend}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{table}: backup {backup}, live {live}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup restores cleanly; its row counts differ from the live database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup restores cleanly and has the same row counts as the live database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not encrypted, sslmode={mode}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not encrypted, sslmode={mode} (add sslmode=verify-full&amp;sslrootcert=FILE to require it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the certificate and the host name were checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the certificate was checked, not the host name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the certificate was NOT checked (use sslmode=verify-full)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None: the URL reaches PostgreSQL itself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{mode}; PgBouncer's admin console does not let user '{user}' in (add it to stats_users to see the configured mode)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label} ({evidence}); pool mode: {mode}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None configured, so these will not work: {uses}. Set DIRECT_URL (or PHOTOFLOW_DIRECT_URL) to the server's own address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the live board's LISTEN (it falls back to polling about once a second); backup, restore and test restore (pg_dump, psql, pg_restore); migrate and rollback when the database holds data (they write a backup first)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{url}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{url} also goes through {pooler}: point it at the server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{url} reaches PostgreSQL itself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown ({problem})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>session (LISTEN works through it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>transaction or statement (LISTEN on a pooled connection hears nothing)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PhotoFlow's tables are still in the web app's schema: run `photoflow db migrate` first (it moves them, after a backup), then `photoflow db detach`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>skipped: an earlier check failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{path} does not exist: `photoflow db migrate` creates it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{path} exists ({size:,} bytes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read the file: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is damaged: restore a backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>quick_check: ok</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} answers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User '{user}' accepted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server at {where} answers ({version})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database '{name}' exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>pg_dump {version} at {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read the migration history: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A PhotoFlow web-app database not adopted yet: run `photoflow db migrate`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} pending ({names}): run `photoflow db migrate`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Up to date ({count} applied)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every column PhotoFlow reads is there</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detached from the web app's tables: its changes do not reach open boards live; `photoflow db migrate` attaches again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the dump</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no applied migration to roll back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rolling back the initial migration would delete every order; use 'photoflow db reset --yes' if that is really what you want</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>install the PostgreSQL {major} client tools (Debian/Ubuntu: apt install postgresql-client-{major}; Fedora: dnf install postgresql{major}; macOS: brew install postgresql@{major}; Windows: the EDB installer) or choose their folder as "{setting}" in the settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} was not found, so PostgreSQL backups and restores are impossible: {hint}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} {version} ({path}) is older than the PostgreSQL {major} server and cannot work with it: {hint}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This SQL file runs its own transactions (BEGIN/COMMIT or \connect), so it cannot be restored all-or-nothing; make the backup with pg_dump or `photoflow db backup`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The archive's table of contents is unreadable: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The archive's schema is unreadable: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The archive is truncated or damaged: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The archive is complete ({count:,} entries)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verifying the backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup written and verified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restoring</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore failed before it began; the database is unchanged. Reading the archive failed: {value}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another program kept a table locked; close other PhotoFlow windows and the web app, then try again. ({problem})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The tool said: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A test restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create a scratch database for the test restore ({problem}); the user needs the CREATEDB privilege</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The test restore failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{operation}: {count} message(s)</source>
        <translation>
            <numerusform>{operation}: {count} message</numerusform>
            <numerusform>{operation}: {count} messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{count} order(s)</source>
        <translation>
            <numerusform>{count} order</numerusform>
            <numerusform>{count} orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} comment(s)</source>
        <translation>
            <numerusform>{count} comment</numerusform>
            <numerusform>{count} comments</numerusform>
        </translation>
    </message>
    <message>
        <source>{damage} No backup that verifies was found in the backup folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{damage} The newest backup that verifies is {path} ({time} UTC; {counts}): restore it with `photoflow db restore {path} --yes` (a copy of the damaged file is kept first).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the export to {target} failed: {value}. No file was written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This backup is not a PhotoFlow database: it has no {table} table</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>This backup is not a PhotoFlow database: its {table} table lacks the column(s) {columns}</source>
        <translation>
            <numerusform>This backup is not a PhotoFlow database: its {table} table lacks the column {columns}</numerusform>
            <numerusform>This backup is not a PhotoFlow database: its {table} table lacks the columns {columns}</numerusform>
        </translation>
    </message>
    <message>
        <source>{value} stopped; nothing was kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copying the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup cannot be read as a database: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another program kept the database locked for writing (another PhotoFlow window or tool?); nothing was restored and {unchanged}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore stopped; {unchanged}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore failed and was rolled back; {unchanged} ({exc})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The journal mode is {mode}; PhotoFlow opens the file in WAL mode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup stopped; nothing was kept</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Title (required):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date (required):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished (ja/nein):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column key:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No file chosen.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read the file: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: {1}, fields separated by “{2}”, {3} row(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(not in the file)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the columns with the title and the due date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The import failed, nothing was added: {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Imported %n order(s).</source>
        <translation>
            <numerusform>Imported %n order.</numerusform>
            <numerusform>Imported %n orders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <source>New invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit draft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAT %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From price list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save draft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date of service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes on the invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Net %1 · VAT %2 · Total %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a client (add one in the clients window)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InvoiceStatus</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partly paid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancellation</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <source>Number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draft #%1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InvoicesWindow</name>
    <message>
        <source>Invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All years</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF in German</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF in English</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New invoice…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit draft…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issue…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Record payment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel invoice…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete draft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Studio details…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open: %1 · Overdue: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issue this invoice to %1 over %2?

It gets the next invoice number and can never be changed again; a mistake needs a cancellation invoice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issue invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel invoice %1?

A cancellation invoice with the next number is issued that credits every amount of %1. This cannot be undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save invoice as PDF</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InvoicingLink</name>
    <message>
        <source>&amp;Clients…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Invoices…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create &amp;invoice…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client of the order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The order was saved, but its client was not set ({reason}). Choose the client again in the order's form.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobSheet</name>
    <message>
        <source>finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No comments.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No description.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Day list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing is due today or overdue.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The language changes when PhotoFlow starts again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>As the &amp;system</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LiveBoard</name>
    <message>
        <source>live updates by polling (no direct URL)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>Back up automatically when PhotoFlow starts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> backups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back up now if due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>…when the newest backup is older than:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the newest:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Newest backup:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic backups go to the backup folder (Backup &amp; restore tab) and are named backup_YYYYMMDD_HHMMSS; only those are pruned. Safety copies taken before a restore, a migration or a reset are never deleted automatically.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved. The check runs each time PhotoFlow starts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Safety copy before a restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Before migrating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Before a rollback</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Before a reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database was not changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Replace all data in {database}
with the backup taken {taken}?

File: {path}

Every change made since that backup is lost. A safety backup of the current database is written first, and the restore is all-or-nothing: if it fails, the database stays as it is.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore into a scratch database and compare its row counts with the live one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verify a file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backups in the folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup written and verified: {path}
{size} in {seconds:.1f} s — {check}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NOT usable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown format</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test restore of {file}: {result}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rows in the backup — {counts}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>No backup needed: the newest is younger than %n hour(s).</source>
        <translation>
            <numerusform>No backup needed: the newest is younger than %n hour.</numerusform>
            <numerusform>No backup needed: the newest is younger than %n hours.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored {file} in {seconds:.1f} s. Rows now — {counts}.
The data from before the restore is kept in {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unexpected error ({kind}): {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{action} failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not needed (SQLite backups use the built-in backup API)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NOT FOUND — backups and restores cannot run (see the advice below)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>compatible</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TOO OLD for this server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{version} at {path} — {verdict}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backend:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server version:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Journal mode:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last backup:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Definition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Indexes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the health report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓ Nothing to fix.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Migration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Apply pending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roll back last…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset database…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applying or rolling back writes a backup first; each migration runs in its own transaction, so a failing one leaves the database as it was.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓ applied</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>• pending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This database was made by the PhotoFlow web app: its first migration is recorded as applied without touching any order.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Apply migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the last migration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo migration {name} on {database}?

A backup is written first. Data stored only in what this migration added is lost.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roll back a migration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roll back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rebuilding the tables</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No backup was needed (the database held no data).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup written first: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>nothing (already up to date)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applied {names}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rolled back {names}.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n sample order(s) added.</source>
        <translation>
            <numerusform>%n sample order added.</numerusform>
            <numerusform>%n sample orders added.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reclaims the space of deleted and changed rows.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updates the statistics the query planner uses.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Both: reclaims space, then updates the statistics.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rewrites every table to return space to the disk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lets SQLite refresh the statistics it needs (quick).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ VACUUM FULL locks every table while it runs: nobody (this app, other workstations, the web app) can read or change orders until it finishes. Run it when nobody is working.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database's messages appear here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Operation:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run it now?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run {operation}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{size} smaller</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no space freed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{operation} finished in {seconds:.1f} s. Size before: {before}, after: {after} ({change}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no messages)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The database was reset (%n migration(s) applied).</source>
        <translation>
            <numerusform>The database was reset (%n migration applied).</numerusform>
            <numerusform>The database was reset (%n migrations applied).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The database is up to date (%n migration(s) applied).</source>
        <translation>
            <numerusform>The database is up to date (%n migration applied).</numerusform>
            <numerusform>The database is up to date (%n migrations applied).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s) waiting to be applied.</source>
        <translation>
            <numerusform>%n migration waiting to be applied.</numerusform>
            <numerusform>%n migrations waiting to be applied.</numerusform>
        </translation>
    </message>
    <message>
        <source>Database maintenance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup &amp;&amp; restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Migrations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Optimize</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic backups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backups (*.sql *.sql.gz *.dump *.sqlite *.sqlite.gz *.db *.gz);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset deletes &lt;b&gt;every order and comment&lt;/b&gt; in &lt;b&gt;{database}&lt;/b&gt; and builds empty tables again. A backup is written first.&lt;br&gt;&lt;br&gt;Type the database name to confirm:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fill the new board with sample orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder for backups</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OpenCard</name>
    <message>
        <source>Order #{0} is not on the board (finished, or hidden by the search).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record payment for %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bank transfer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PayPal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Received on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter an amount above 0 and at most %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PriceListDialog</name>
    <message>
        <source>Price list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAT %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Preparing the printout…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing printed: {0} Try again when the database answers.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved as PDF: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printing is not available in this build: save it as PDF instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print &amp;job sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job sheet as PD&amp;F…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print d&amp;ay list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Day list as PDF…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Reminders</name>
    <message numerus="yes">
        <source>%n order(s) due</source>
        <translation>
            <numerusform>%n order due</numerusform>
            <numerusform>%n orders due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) overdue or due today</source>
        <translation>
            <numerusform>%n order overdue or due today</numerusform>
            <numerusform>%n orders overdue or due today</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue since {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>today {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due &amp;reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tell me once a day about orders due today or overdue</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Sizes</name>
    <message>
        <source>{n:,} bytes</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>It is a PhotoFlow web-app database: PhotoFlow Desktop adds only its own table (board columns) and indexes; the orders and the web app's tables stay as they are.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>If it holds data, a backup is written first. Apply the updates now?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updating the database…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening {url}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updating the database… {step}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updating the database failed: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open the database: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{app} — cannot open the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;PhotoFlow cannot open the database&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The database {url} needs %n update(s) before PhotoFlow can open it: {names}.</source>
        <translation>
            <numerusform>The database {url} needs %n update before PhotoFlow can open it: {names}.</numerusform>
            <numerusform>The database {url} needs %n updates before PhotoFlow can open it: {names}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect to…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use local database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{app} — update the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{url} needs database updates that were not applied ({names})</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StatsBar</name>
    <message>
        <source>Shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Orders the board shows now: the sum of the column counts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shown orders, not finished, whose due date has passed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shown orders in the “In progress” column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shown orders in the “Done” column (its header count)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Matching the search:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not processed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Developed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retouched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StudioDialog</name>
    <message>
        <source>Studio details for invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Studio name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tax number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAT id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bank</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>IBAN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BIC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Footer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Payment term</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Edit task #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clients could not be read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The stored due date “{raw}” is no date: choose the due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Wedding Photography - Smith Family</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date only (no time), as the web app stores it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details for the studio: location, guests, wishes…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no client)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading clients…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local time ({zone})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Column:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clie&amp;nt:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(missing column {key})</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tomorrow — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>↑↓ choose · Enter opens the order · Ctrl+P prints the day list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not refreshed: {0} Press F5 to try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open orders, overdue and the next {0} days, matching “{1}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open orders, overdue and the next {0} days.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>New task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show finished tasks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unfinish task</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>The database did not accept the change: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database cannot be reached, so this step was not applied. Nothing changed; try again when the connection is back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New task “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move “{title}” to {column}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unfinish “{title}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete “{title}”</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WebAppLink</name>
    <message>
        <source>Web app link: off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Web app link: connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Web app link: reconnecting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click to change the address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{url} (from {source})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set the web app's address (e.g. http://studio-pc:3000, or {variable}) to refresh its pages live and to follow their changes at once</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WebAppLinkDialog</name>
    <message>
        <source>Web app link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The PhotoFlow web app refreshes its open pages through its socket.io server (port 3000 on the PC that runs it). With its address here, the web app's pages show the board's changes at once and the board follows theirs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{variable} is set ({url}) and is used instead of this setting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter a web address like http://studio-pc:3000 (or nothing: off).</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>