package io.hyperv4j.wsman.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 keep-alive connection (plain or TLS), for authentication that binds to the connection
 * (NTLM and Kerberos seal per connection, which java.net.http's pool cannot promise). POSTs with Content-Length; reads
 * replies framed by Content-Length or chunked. Every read is bounded by the call's deadline.
 */
final class HttpConnection implements Closeable {
    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 100;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private final String path;
    private final int maxBody;
    private long lastUsed = System.nanoTime();

    /** A reply: status, headers with lower-case names, body. */
    record Reply(int statusCode, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /**
     * Connects, and over TLS completes the handshake (the server's name checked as HTTPS does), within
     * {@code connectTimeout}.
     */
    HttpConnection(URI endpoint, SSLContext tls, Duration connectTimeout, int maxBody) throws IOException {
        Socket plain = new Socket();
        this.maxBody = maxBody;
        String host = endpoint.getHost().replace("[", "").replace("]", "");
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        try {
            plain.connect(new InetSocketAddress(host, endpoint.getPort()), millis);
            plain.setTcpNoDelay(true);
            if (tls == null) {
                this.socket = plain;
            } else {
                SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, endpoint.getPort(), true);
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.setSoTimeout(millis);
                s.startHandshake();
                this.socket = s;
            }
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
        this.path = endpoint.getRawPath();
    }

    /** The certificate the TLS server presented, or null over plain HTTP. */
    X509Certificate serverCertificate() {
        if (!(socket instanceof SSLSocket s)) return null;
        try {
            var chain = s.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate c ? c : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** How long the connection has been idle. */
    Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastUsed);
    }

    /**
     * POSTs {@code body} and reads the reply, all within {@code timeout}.
     *
     * @throws HttpTimeoutException when no complete reply arrives in time
     * @throws IOException          when the connection fails
     */
    Reply post(Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder h = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nConnection: Keep-Alive\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        try {
            setTimeout(deadline);
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line(deadline);
            if (!status.startsWith("HTTP/1.")) throw new IOException("not an HTTP reply");
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, List<String>> replyHeaders = new LinkedHashMap<>();
            for (String l; !(l = line(deadline)).isEmpty(); ) {
                int colon = l.indexOf(':');
                if (colon <= 0 || replyHeaders.size() > MAX_HEADERS) throw new IOException("malformed HTTP header");
                replyHeaders.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(l.substring(colon + 1).trim());
            }
            Reply r = new Reply(code, replyHeaders, null);
            byte[] replyBody = body(r, deadline);
            lastUsed = System.nanoTime();
            return new Reply(code, replyHeaders, replyBody);
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no reply within " + timeout);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IOException("malformed HTTP status line", e);
        }
    }

    private byte[] body(Reply r, long deadline) throws IOException {
        String length = r.header("Content-Length");
        if ("chunked".equalsIgnoreCase(r.header("Transfer-Encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int n; (n = Integer.parseInt(line(deadline).split(";")[0].trim(), 16)) > 0; ) {
                if (b.size() + n > maxBody) throw new IOException("the reply is larger than " + maxBody + " bytes");
                b.writeBytes(exactly(n, deadline));
                line(deadline);
            }
            while (!line(deadline).isEmpty()) { /* trailers */ }
            return b.toByteArray();
        }
        if (length == null) return new byte[0];
        long n = Long.parseLong(length.trim());
        if (n < 0 || n > maxBody) throw new IOException("the reply is larger than " + maxBody + " bytes");
        return exactly((int) n, deadline);
    }

    private byte[] exactly(int n, long deadline) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            setTimeout(deadline);
            int r = in.read(b, got, n - got);
            if (r < 0) throw new IOException("the connection closed mid-reply");
            got += r;
        }
        return b;
    }

    private String line(long deadline) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            setTimeout(deadline);
            int c = in.read();
            if (c < 0) throw new IOException("the connection closed");
            if (c == '\n') break;
            if (c != '\r') b.append((char) c);
            if (b.length() > MAX_HEADER_LINE) throw new IOException("an HTTP header line is too long");
        }
        return b.toString();
    }

    private void setTimeout(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new SocketTimeoutException();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing more to do
        }
    }
}
