// A real SMTP server for the end-to-end run (127.0.0.1:2526), with what it
// received readable as JSON at http://127.0.0.1:2527/messages.
import http from "node:http";
import { startSmtpSink } from "../integration/smtp-sink";

const sink = await startSmtpSink(Number(process.env.SMTP_SINK_PORT ?? 2526));
http
  .createServer((_req, res) => {
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(
      JSON.stringify(
        sink.received.map(({ mail }) => ({
          to: mail.to && "text" in mail.to ? mail.to.text : "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          calendar: mail.attachments.filter((a) => a.filename?.endsWith(".ics")).map((a) => a.content.toString("utf8")),
        })),
      ),
    );
  })
  .listen(Number(process.env.SMTP_SINK_HTTP_PORT ?? 2527), "127.0.0.1");
console.log(`SMTP sink on ${sink.url}`);
