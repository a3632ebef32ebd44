import type * as http from "node:http";
import type { Socket } from "node:net";

/**
 * The server's connections and how many of their requests are still unanswered.
 *
 * `node:http`'s own `closeIdleConnections` skips a connection that never sent a request, and
 * clients do open such connections (undici opens a spare one after a request is aborted), so a
 * closing server would otherwise wait for them until its grace period ends.
 */
export class OpenConnections {
  private readonly unanswered = new Map<Socket, number>();

  /** Follows the connections and requests of `server`. */
  constructor(server: http.Server) {
    server.on("connection", (socket: Socket) => {
      this.unanswered.set(socket, 0);
      socket.once("close", () => this.unanswered.delete(socket));
    });
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      const socket = req.socket;
      this.unanswered.set(socket, (this.unanswered.get(socket) ?? 0) + 1);
      // `close` follows both a sent response and a lost client.
      res.once("close", () => {
        const count = this.unanswered.get(socket);
        if (count !== undefined) {
          this.unanswered.set(socket, Math.max(0, count - 1));
        }
      });
    });
  }

  /** Destroys every connection with no unanswered request, whether or not it ever sent one. */
  closeIdle(): void {
    for (const [socket, count] of this.unanswered) {
      if (count === 0) {
        socket.destroy();
      }
    }
  }
}
