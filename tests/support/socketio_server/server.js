// The PhotoFlow web app's live-refresh relay, as its vite plugin runs it: a socket.io server on
// a port of its own; a page emits `database-change` after a write and every page (the sender
// too) receives `database-changed`. The tests start this with PORT set to a free port.
const { Server } = require("socket.io");

const port = Number(process.env.PORT || 3000);
const io = new Server(port, {
  cors: { origin: "http://127.0.0.1:5173", methods: ["GET", "POST"] },
});

io.on("connection", (socket) => {
  socket.on("database-change", (msg) => {
    io.emit("database-changed", msg);
  });
});

io.httpServer.once("listening", () => {
  process.stdout.write(`listening on ${port}\n`);
});
process.on("SIGTERM", () => {
  io.close(() => process.exit(0));
});
