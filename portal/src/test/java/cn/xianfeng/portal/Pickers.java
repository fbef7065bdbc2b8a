package cn.xianfeng.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person using a picker (fragments/picker.html) in Chromium, for the browser tests. */
final class Pickers {

    private Pickers() {
    }

    /** Types into a picker and picks the offer whose value is {@code value}, as a person taps it. */
    static void pick(WebDriver browser, WebDriverWait wait, String inputId, String typed, String value) {
        WebElement input = browser.findElement(By.id(inputId));
        input.click();
        input.sendKeys(typed);
        tap(wait, inputId, value, typed);
    }

    /** Taps the offer whose value is {@code value} in a picker's open list and waits until it is picked. */
    static void tap(WebDriverWait wait, String inputId, String value, String typed) {
        By offer = By.cssSelector("#" + inputId + "-options button[data-value='" + value + "']");
        By picked = By.cssSelector("#" + inputId + "-picked input[value='" + value + "']");
        // the focus lookup's list may be replaced by the typed one under the tap (a busy machine answers them in
        // either order): until the value is picked, tap again what is there now. Picked means the chip is there and
        // the typed text is gone (a filter may show the value's chip already, before any tap). A tap the swap caught
        // between locating the offer and clicking it lands on the neighbour now at that place (CI once picked the
        // branch's group instead of the branch): then the list is closed and the text gone, so type again and retap.
        WebDriver[] seen = {null};
        try {
            wait.ignoring(StaleElementReferenceException.class).until(d -> {
                seen[0] = d;
                if (isPicked(d, inputId, picked)) {
                    return true;
                }
                if (typed != null && landedElsewhere(d, inputId)) {
                    WebElement input = d.findElement(By.id(inputId));
                    input.click();
                    input.sendKeys(typed);
                    return false;
                }
                WebElement there = ExpectedConditions.elementToBeClickable(offer).apply(d);
                if (there != null) {
                    there.click();
                }
                return isPicked(d, inputId, picked);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("picker " + inputId + " never picked " + value + "; " + state(seen[0], inputId), e);
        }
    }

    /** What the picker showed when a wait gave up: so a failure on a busy machine explains itself. */
    private static String state(WebDriver d, String inputId) {
        if (d == null) {
            return "the page never answered";
        }
        try {
            return "page " + d.getCurrentUrl() + ", typed '" + d.findElement(By.id(inputId)).getAttribute("value")
                    + "', offered [" + d.findElement(By.id(inputId + "-options")).getAttribute("innerHTML").strip()
                    + "], picked [" + d.findElement(By.id(inputId + "-picked")).getText() + "]";
        } catch (RuntimeException e) {
            return "the page could not be read: " + e.getMessage();
        }
    }

    /** Something was picked, but not the value: the text is gone and the list closed. */
    private static boolean landedElsewhere(WebDriver d, String inputId) {
        return d.findElement(By.id(inputId)).getAttribute("value").isEmpty()
                && d.findElements(By.cssSelector("#" + inputId + "-options li")).isEmpty();
    }

    private static boolean isPicked(WebDriver d, String inputId, By picked) {
        return !d.findElements(picked).isEmpty() && d.findElement(By.id(inputId)).getAttribute("value").isEmpty();
    }
}
