package dev.corelanes;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installer profile against the rules of the OSes it packages for, checked on any OS: a version or a path
 * that only macOS's or Windows' jpackage would refuse fails here, on Linux, before a Mac or a Windows machine
 * ever builds it (none is available where this project is developed). The rules, and where they come from:
 * <ul>
 *   <li>jpackage on macOS: one to three integers, the first at least 1 — it becomes {@code CFBundleVersion}
 *       ("The first number in an app-version cannot be zero or negative"; OpenJDK's
 *       {@code CFBundleVersion} check in jdk.jpackage/macosx);</li>
 *   <li>Windows Installer: {@code major.minor.build}, at most 255.255.65535, no qualifier (Microsoft's
 *       "ProductVersion property");</li>
 *   <li>jpackage names the macOS image {@code CoreLanes.app};</li>
 *   <li>Windows file names ignore case, so an added launcher must not share the main one's name in any case.</li>
 * </ul>
 */
class InstallerConfigTest {

    private static final String VERSION_EXPRESSION =
            "${parsedVersion.majorVersion}.${parsedVersion.minorVersion}.${parsedVersion.incrementalVersion}";

    private static Document pom() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    }

    private static String projectVersion(Document pom) {
        NodeList children = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("the pom has no project version");
    }

    /** Every {@code <arguments>} list of the pom, each as its arguments in order. */
    private static List<List<String>> argumentLists(Document pom) {
        List<List<String>> all = new ArrayList<>();
        NodeList lists = pom.getElementsByTagName("arguments");
        for (int i = 0; i < lists.getLength(); i++) {
            NodeList args = ((Element) lists.item(i)).getElementsByTagName("argument");
            List<String> one = new ArrayList<>();
            for (int j = 0; j < args.getLength(); j++) {
                one.add(args.item(j).getTextContent().strip());
            }
            all.add(one);
        }
        return all;
    }

    /** The version every package gets: the project's major.minor.incremental, as build-helper parses it. */
    static String installerVersion(String projectVersion) {
        Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-.*)?").matcher(projectVersion);
        assertTrue(m.matches(), "not a version build-helper parses into numbers: " + projectVersion);
        return m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3));
    }

    /** Why macOS's jpackage or Windows Installer would refuse {@code version}, or null when both take it. */
    static String refusal(String version) {
        String[] parts = version.split("\\.", -1);
        if (parts.length < 1 || parts.length > 3 || !version.matches("\\d+(\\.\\d+){0,2}")) {
            return "one to three whole numbers are allowed";
        }
        long[] n = new long[3];
        for (int i = 0; i < parts.length; i++) {
            n[i] = Long.parseLong(parts[i]);
        }
        if (n[0] < 1) {
            return "macOS: the first number in an app-version cannot be zero";
        }
        if (n[0] > 255 || n[1] > 255 || n[2] > 65_535) {
            return "Windows Installer: at most 255.255.65535";
        }
        return null;
    }

    @Test
    void theRulesRefuseWhatMacOsAndWindowsRefuse() {
        assertEquals("macOS: the first number in an app-version cannot be zero", refusal("0.1.0"));
        assertEquals("Windows Installer: at most 255.255.65535", refusal("1.256.0"));
        assertEquals("Windows Installer: at most 255.255.65535", refusal("1.0.65536"));
        assertEquals("one to three whole numbers are allowed", refusal("1.0.0.1"));
        assertEquals("one to three whole numbers are allowed", refusal("1.0.0-SNAPSHOT"));
        assertEquals(null, refusal("1.0.0"));
        assertEquals(null, refusal("255.255.65535"));
        assertEquals("1.0.0", installerVersion("1.0.0-SNAPSHOT"));
        assertEquals("0.1.0", installerVersion("0.1.0-SNAPSHOT"), "the version that macOS refused");
        assertEquals("2.0.0", installerVersion("2"));
    }

    @Test
    void everyPackageGetsOneVersionThatMacOsAndWindowsAccept() throws Exception {
        Document pom = pom();
        String version = installerVersion(projectVersion(pom));
        assertEquals(null, refusal(version), "the installers' version " + version);
        int seen = 0;
        for (List<String> args : argumentLists(pom)) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("--app-version")) {
                    assertEquals(VERSION_EXPRESSION, args.get(i + 1), "every package the same version: " + args);
                    seen++;
                }
            }
        }
        assertEquals(3, seen, "the app-image, the OS package and the .rpm each name their version");
    }

    @Test
    void thePackageStepWrapsTheImageJpackageMadeOnEachOs() throws Exception {
        Document pom = pom();
        String text = Files.readString(Path.of("pom.xml"));
        assertTrue(text.contains("<installer.image>CoreLanes</installer.image>"), "CoreLanes/ on Linux and Windows");
        Matcher mac = Pattern.compile("<id>os-mac</id>.*?</profile>", Pattern.DOTALL).matcher(text);
        assertTrue(mac.find());
        assertTrue(mac.group().contains("<installer.image>CoreLanes.app</installer.image>"),
                "jpackage names the macOS image CoreLanes.app: " + mac.group());
        int wraps = 0;
        for (List<String> args : argumentLists(pom)) {
            int i = args.indexOf("--app-image");
            if (i >= 0) {
                assertEquals("${installer.dir}/${installer.image}", args.get(i + 1), args.toString());
                wraps++;
            }
        }
        assertEquals(2, wraps, "the OS package and the .rpm");
    }

    private static List<String> argsFile(String os, String name) throws Exception {
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("installer", os, name))) {
            words.addAll(List.of(line.strip().split("\\s+")));
        }
        words.removeIf(String::isEmpty);
        return words;
    }

    @Test
    void windowsGetsAConsoleLauncherBesideTheWindowsOneUnderANameOfItsOwn() throws Exception {
        List<String> image = argsFile("windows", "app-image.args");
        int i = image.indexOf("--add-launcher");
        assertTrue(i >= 0, "no console launcher: " + image);
        String[] nameAndFile = image.get(i + 1).split("=", 2);
        String name = nameAndFile[0];
        assertFalse(name.toLowerCase(Locale.ROOT).equals("corelanes"),
                "Windows file names ignore case: " + name + ".exe would overwrite CoreLanes.exe");
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(Path.of(nameAndFile[1]))));
        assertEquals("true", p.getProperty("win-console"), "a launcher that prints in a terminal");
        assertEquals("false", p.getProperty("win-menu"), "the Start menu opens the window, not a console");
        assertNotNull(p.getProperty("description"));
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(name + ".exe\" info"), "the README tells Windows users to type " + name);
        assertTrue(Files.readString(Path.of("installer", "README.md")).contains(name + ".exe"));
    }

    @Test
    void theWindowsInstallerNeedsNoAdministratorAndAddsAStartMenuEntry() throws Exception {
        List<String> msi = argsFile("windows", "package.args");
        assertEquals("msi", msi.get(msi.indexOf("--type") + 1));
        assertTrue(msi.contains("--win-per-user-install"), "students may not have administrator rights: " + msi);
        assertTrue(msi.contains("--win-menu"), msi.toString());
        assertFalse(msi.contains("--win-dir-chooser"), "a per-user install offering Program Files would fail there");
    }

    /**
     * jpackage's MSI removes its install folder recursively on uninstall (WiX RemoveFolderEx on INSTALLDIR), and a
     * major upgrade uninstalls the old version first. A per-user install goes under %LOCALAPPDATA%, where CoreLanes
     * keeps its cache ({@code AppFolders}): the install folder must not hold it, or every upgrade would wipe it.
     */
    @Test
    void theWindowsInstallFolderHoldsNoneOfTheUsersFiles() throws Exception {
        List<String> msi = argsFile("windows", "package.args");
        int i = msi.indexOf("--install-dir");
        String sub = i >= 0 ? msi.get(i + 1) : "CoreLanes"; // jpackage's default: the app's name
        Path local = Path.of("C:", "Users", "student", "AppData", "Local");
        Path roaming = Path.of("C:", "Users", "student", "AppData", "Roaming");
        Path installed = local.resolve(sub.replace('\\', '/'));
        dev.corelanes.engine.files.AppFolders folders = dev.corelanes.engine.files.AppFolders.of(dev.corelanes.engine.platform.Os.of("Windows 11"),
                java.util.Map.of("LOCALAPPDATA", local.toString(), "APPDATA", roaming.toString()), "C:/Users/student");
        for (Path users : List.of(folders.cache(), folders.data(), folders.config())) {
            assertFalse(users.normalize().startsWith(installed.normalize()),
                    users + " would be removed with the install folder " + installed);
        }
        assertFalse(sub.contains(":") || sub.contains(".."), "jpackage takes a sub-path of %LOCALAPPDATA% only: " + sub);
    }
}
