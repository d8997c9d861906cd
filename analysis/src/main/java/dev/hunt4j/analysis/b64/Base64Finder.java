package dev.hunt4j.analysis.b64;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds base64 runs in text: maximal runs of the standard ({@code +/}) or URL-safe ({@code -_}) alphabet, at
 * least {@code minLength} characters, optional {@code =} padding (which ends a run, so {@code ...AA==Followed}
 * splits where MSTICPy's data does). A run may continue over a line break when the line before is at least 40
 * characters and a multiple of 4 long, the shape of wrapped base64 (PEM, {@code certutil}, MIME).
 */
final class Base64Finder {
    /** One candidate: where it is in the text and its characters without line breaks. */
    record Run(int start, int end, String text, boolean urlSafe, int padding) {
    }

    private static final boolean[] STD = new boolean[128];
    private static final boolean[] ANY = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            STD[c] = true;
            STD[c + 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            STD[c] = true;
        }
        STD['+'] = true;
        STD['/'] = true;
        System.arraycopy(STD, 0, ANY, 0, 128);
        ANY['-'] = true;
        ANY['_'] = true;
    }

    private Base64Finder() {
    }

    private static boolean any(char c) {
        return c < 128 && ANY[c];
    }

    static List<Run> find(String s, int minLength) {
        List<Run> runs = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!any(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int j = i;
            int segStart = i;
            boolean std = false;
            boolean url = false;
            boolean wrapped = false;
            while (true) {
                while (j < n && any(s.charAt(j))) {
                    char c = s.charAt(j);
                    std |= c == '+' || c == '/';
                    url |= c == '-' || c == '_';
                    j++;
                }
                int segLen = j - segStart;
                if (segLen >= 40 && segLen % 4 == 0 && j < n && (s.charAt(j) == '\n' || s.charAt(j) == '\r')) {
                    int k = j;
                    if (s.charAt(k) == '\r') {
                        k++;
                    }
                    if (k < n && s.charAt(k) == '\n') {
                        k++;
                    }
                    if (k < n && any(s.charAt(k))) {
                        wrapped = true;
                        j = k;
                        segStart = k;
                        continue;
                    }
                }
                break;
            }
            int end = j;
            int pad = 0;
            while (end < n && s.charAt(end) == '=' && pad < 2) {
                end++;
                pad++;
            }
            if (std && url) {
                // two alphabets mixed: "C:/x/some_name-1" — only pieces in the standard alphabet can be base64
                addPieces(s, start, j, minLength, runs, pad, end);
            } else {
                add(s, start, j, end, wrapped, url, pad, minLength, runs);
            }
            i = Math.max(end, start + 1);
        }
        return runs;
    }

    private static void addPieces(String s, int a, int b, int minLength, List<Run> runs, int pad, int padEnd) {
        int p = a;
        while (p < b) {
            while (p < b && !isStd(s.charAt(p))) {
                p++;
            }
            int q = p;
            boolean wrapped = false;
            while (q < b && (isStd(s.charAt(q)) || s.charAt(q) == '\r' || s.charAt(q) == '\n')) {
                wrapped |= !isStd(s.charAt(q));
                q++;
            }
            int e = q;
            while (e > p && !isStd(s.charAt(e - 1))) {
                e--; // a wrapped run that ran into "-----END ..." on the next line
            }
            if (e > p) {
                boolean last = e == b;
                add(s, p, e, last ? padEnd : e, wrapped, false, last ? pad : 0, minLength, runs);
            }
            p = q;
        }
    }

    private static boolean isStd(char c) {
        return c < 128 && STD[c];
    }

    private static void add(String s, int a, int b, int end, boolean wrapped, boolean url, int pad, int minLength,
            List<Run> runs) {
        if (url) {
            while (a < b && (s.charAt(a) == '-' || s.charAt(a) == '_')) {
                a++; // a command-line switch, not data
            }
        }
        String text;
        if (wrapped) {
            StringBuilder sb = new StringBuilder(b - a);
            for (int k = a; k < b; k++) {
                char c = s.charAt(k);
                if (c != '\r' && c != '\n') {
                    sb.append(c);
                }
            }
            text = sb.toString();
        } else {
            text = s.substring(a, b);
        }
        if (text.length() >= minLength) {
            runs.add(new Run(a, end, text, url, pad));
        }
    }

    /** The decoded bytes, or null when the run cannot be base64 (a length of 4k+1). */
    static byte[] decode(Run r) {
        String t = r.text();
        int rem = t.length() % 4;
        if (rem == 1) {
            return null;
        }
        String padded = rem == 0 ? t : t + (rem == 2 ? "==" : "=");
        try {
            return (r.urlSafe() ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(padded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
