package io.cohort.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfEncodings;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads PDFs the application sends: downloads one with a bearer token, and gives the text
 * of its first page as a reader copies it.
 */
public final class Pdfs {

	private Pdfs() {
	}

	/** The PDF at the path, fetched with the token; fails unless it is a 200. */
	public static byte[] download(int port, String path, String token) {
		try {
			HttpResponse<byte[]> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The first page's text: what OpenPDF's extractor reads from the glyphs, then, a line
	 * each, the {@code /ActualText} of the marked spans. Text whose glyphs are reordered
	 * or joined when laid out (Tamil) reads right only from the latter, as in a PDF
	 * reader.
	 */
	public static String text(byte[] pdf) {
		try {
			PdfReader reader = new PdfReader(pdf);
			StringBuilder text = new StringBuilder(new PdfTextExtractor(reader).getTextFromPage(1));
			PRTokeniser tokens = new PRTokeniser(reader.getPageContent(1));
			boolean actualText = false;
			while (tokens.nextToken()) {
				if (actualText && tokens.getTokenType() == PRTokeniser.TK_STRING) {
					text.append('\n')
						.append(new PdfString(PdfEncodings.convertToBytes(tokens.getStringValue(), null))
							.toUnicodeString());
				}
				actualText = tokens.getTokenType() == PRTokeniser.TK_NAME
						&& "ActualText".equals(tokens.getStringValue());
			}
			return text.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
