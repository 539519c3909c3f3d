"""An aiosmtpd handler that refuses every recipient with 550, so tests see a
permanent SMTP failure from a real server."""


class RejectingHandler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 mailbox unavailable"
